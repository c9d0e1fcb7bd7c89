using System.Net;
using HyperSweep.Silo.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace HyperSweep.Client.Connection;

/// <summary>
/// A connected Orleans client for a <see cref="ClusterAddress"/>. An Orleans client retries its gateways forever on
/// start, so connecting is bounded: Redis is checked first (a wrong host or password names host:port at once),
/// then the gateway connection gets <c>timeout</c>, after which <see cref="ClusterUnreachableException"/> says
/// what was tried.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long one grain call may take before the client gives up on it (Orleans' default is 30 s). A hung silo (SIGSTOP,
    /// a frozen VM) keeps its TCP connections open, so a call through it, or to a grain on it, would wait the whole
    /// default; every CLI call is cheap, so a short bound and a retry (the commands retry transient failures, by which
    /// time the membership has moved on) answer within seconds instead.
    /// </summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private readonly IHost _host;

    private ClusterConnection(IHost host, ClusterAddress target)
    {
        _host = host;
        Target = target;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public ClusterAddress Target { get; }

    public IClusterClient Client { get; }

    /// <summary>Connects within <paramref name="timeout"/>; with <paramref name="tls"/>, over mutual TLS (docs/CLUSTER.md).</summary>
    public static async Task<ClusterConnection> ConnectAsync(ClusterAddress target, TimeSpan timeout, CancellationToken cancellation = default, ClusterTlsFiles? tls = null)
    {
        if (tls is not null)
        {
            try
            {
                tls.Load();
            }
            catch (InvalidOperationException exception)
            {
                throw new ClusterUnreachableException($"cannot connect to cluster {target}: {exception.Message}", exception);
            }
        }

        var hasGeneration = true;
        if (target.Redis is { } redis)
        {
            var redisTimeout = TimeSpan.FromTicks(Math.Min(timeout.Ticks, TimeSpan.FromSeconds(5).Ticks));
            try
            {
                await RedisPreflight.CheckAsync(redis, target.RedisPassword, redisTimeout, target.RedisUser);
            }
            catch (RedisUnreachableException exception)
            {
                throw new ClusterUnreachableException($"cannot reach cluster {target}: {exception.Message}", exception);
            }

            // A silo that saw Redis lose the cluster's data left a notice: say that, not "no gateway answered".
            var (loss, generation) = await new ClusterGenerations(redis, target.ServiceId, target.ClusterId).InspectAsync(target.RedisPassword, redisTimeout, target.RedisUser);
            if (loss is not null)
            {
                throw new ClusterUnreachableException(loss);
            }

            hasGeneration = generation;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        // Gateway connection failures are expected while a silo is being replaced and are retried; the CLI reports its own errors.
        builder.Logging.AddFilter("Orleans", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = target.ClusterId;
                o.ServiceId = target.ServiceId;
            });
            // A gateway that died or hangs leaves the list at the next refresh after the membership declares it dead.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = CallTimeout);
            if (tls is not null)
            {
                client.UseTls(o => ClusterTlsConfiguration.Apply(o, tls));
            }

            if (target.Redis is { } endpoint)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = endpoint.ToConfigurationOptions(target.RedisPassword, TimeSpan.FromSeconds(5), target.RedisUser));
            }
            else
            {
                client.UseStaticClustering(target.Gateways.Select(Resolve).ToArray());
            }
        });
        var host = builder.Build();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(timeout);
        try
        {
            await host.StartAsync(bounded.Token).WaitAsync(timeout + TimeSpan.FromSeconds(2), cancellation);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException or OrleansException or System.Net.Sockets.SocketException)
        {
            host.Dispose();
            cancellation.ThrowIfCancellationRequested();
            throw new ClusterUnreachableException(
                $"cannot connect to cluster {target} within {timeout.TotalSeconds:0} s: no gateway answered "
                + "(are silos running with this cluster id and service id? with TLS, does this client have the cluster's certificate?)"
                + (hasGeneration ? "" : "; Redis holds no data for this cluster: no silo has joined it yet, or Redis lost its data (docs/CLUSTER.md, \"When Redis loses its data\")"),
                exception);
        }

        return new ClusterConnection(host, target);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Closing a client whose gateways are gone; nothing to flush.
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static IPEndPoint Resolve(DnsEndPoint gateway)
    {
        if (IPAddress.TryParse(gateway.Host, out var address))
        {
            return new IPEndPoint(address, gateway.Port);
        }

        try
        {
            return new IPEndPoint(Dns.GetHostAddresses(gateway.Host).First(), gateway.Port);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new ClusterUnreachableException($"gateway host '{gateway.Host}' does not resolve ({exception.Message})", exception);
        }
    }
}
