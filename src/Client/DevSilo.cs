using HyperSweep.Silo;
using HyperSweep.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Client;

/// <summary>
/// A dev-mode silo hosted inside the CLI process: the whole service on this machine, state in SQLite under the
/// state directory, silo and gateway on free loopback ports. The co-hosted grain factory needs no network client.
/// While it runs, its gateway port is published in the state directory (<see cref="DevGatewayFile"/>) so other
/// hypersweep commands on the same directory connect to it.
/// </summary>
public sealed class DevSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _stateDir;
    private readonly StateDirectoryLock? _stateLock;

    private DevSilo(IHost host, string stateDir, int gatewayPort, StateDirectoryLock? stateLock)
    {
        _host = host;
        _stateDir = stateDir;
        _stateLock = stateLock;
        GatewayPort = gatewayPort;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public int GatewayPort { get; }

    public static async Task<DevSilo> StartAsync(HyperSweepSiloOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GatewayPort == 0)
        {
            // Chosen here rather than inside the silo configuration so it can be published for other clients.
            options.GatewayPort = FreePort.OnLoopback();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Logs go to stderr so stdout stays for the progress view and --json.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        // The state directory's lock is released when this silo is disposed, not when the process ends: the dependency
        // container does not dispose an instance it was given, and a command run in-process after this one (tests,
        // a later command of the same process) must find the directory free.
        StateDirectoryLock? stateLock = null;
        builder.UseOrleans(silo => stateLock = HyperSweepSiloConfiguration.Configure(silo, options));
        builder.AddHyperSweepTelemetry(readEnvironment: true);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch
        {
            host.Dispose();
            stateLock?.Dispose();
            throw;
        }

        var stateDir = HyperSweepSiloOptions.ExpandHome(options.StateDir);
        DevGatewayFile.Write(stateDir, options.GatewayPort);
        return new DevSilo(host, stateDir, options.GatewayPort, stateLock);
    }

    public async ValueTask DisposeAsync()
    {
        DevGatewayFile.Delete(_stateDir);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
            _stateLock?.Dispose();
        }
    }
}
