using System.Net;
using HyperSweep.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace HyperSweep.Client.Connection;

/// <summary>An Orleans client connected to a dev silo's loopback gateway (another process, or another host in this one).</summary>
internal sealed class GatewaySession : IClusterSession
{
    private readonly IHost _host;

    private GatewaySession(IHost host, int port)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
        Description = $"dev silo gateway 127.0.0.1:{port}";
    }

    public IGrainFactory Grains { get; }

    public string Description { get; }

    public static async Task<IClusterSession> ConnectAsync(int port, TimeSpan timeout, CancellationToken cancellation)
    {
        var defaults = new HyperSweepSiloOptions();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, port));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = defaults.ClusterId;
                o.ServiceId = defaults.ServiceId;
            });
            // No retry loop: an unreachable gateway must end the command (exit 3), not hang it.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
        });
        var host = builder.Build();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(timeout);
        try
        {
            await host.StartAsync(bounded.Token);
            return new GatewaySession(host, port);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterUnreachableException($"cannot reach the dev silo gateway 127.0.0.1:{port}: {exception.Message}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
