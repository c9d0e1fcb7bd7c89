using HyperSweep.Grains.Storage;
using HyperSweep.Silo;
using HyperSweep.Client.Logging;
using HyperSweep.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyperSweep.Client;

/// <summary>
/// A dev-mode silo hosted inside the CLI process: the whole service on this machine, state in SQLite under the
/// state directory, silo and gateway on free loopback ports. The co-hosted grain factory needs no network client.
/// While it runs, its gateway port is published in the state directory (<see cref="DevGatewayFile"/>) so other
/// hypersweep commands on the same directory connect to it. It logs to <see cref="DevSiloLog.PathFor"/> under the state
/// directory, not to the console (--verbose copies the log to stderr); <see cref="Health"/> tells the CLI when the state
/// store failed.
/// </summary>
public sealed class DevSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _stateDir;
    private readonly StateDirectoryLock? _stateLock;
    private readonly TimeSpan _stopTimeout;

    private DevSilo(IHost host, StateDirectoryLock? stateLock, string stateDir, int gatewayPort, TimeSpan stopTimeout)
    {
        _host = host;
        _stateLock = stateLock;
        _stopTimeout = stopTimeout;
        _stateDir = stateDir;
        GatewayPort = gatewayPort;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Health = host.Services.GetRequiredService<StateStoreHealth>();
    }

    public IGrainFactory Grains { get; }

    /// <summary>Whether the state store still works (a full disk or a damaged file is reported here once).</summary>
    public StateStoreHealth Health { get; }

    public int GatewayPort { get; }

    /// <summary>The log file of this silo.</summary>
    public string LogFile => DevSiloLog.PathFor(_stateDir);

    /// <param name="options">The silo's settings (dev mode).</param>
    /// <param name="cancellation">Cancels start-up.</param>
    /// <param name="verbose">Where --verbose copies the log (null: the file only).</param>
    public static async Task<DevSilo> StartAsync(HyperSweepSiloOptions options, CancellationToken cancellation, TextWriter? verbose = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GatewayPort == 0)
        {
            // Chosen here rather than inside the silo configuration so it can be published for other clients.
            options.GatewayPort = FreePort.OnLoopback();
        }

        var stateDir = HyperSweepSiloOptions.ExpandHome(options.StateDir);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        // Nothing on the console: stdout is the progress view or --json, stderr the command's own one-line messages.
        DevSiloLog.Configure(builder.Logging, stateDir, verbose);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        // The state directory's lock is released when this silo is disposed, not left to the garbage collector: a later
        // command in the same process (tests) must find the directory free.
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

        var silo = new DevSilo(host, stateLock, stateDir, options.GatewayPort, HyperSweepSiloConfiguration.StopTimeout(options));
        try
        {
            DevGatewayFile.Write(stateDir, options.GatewayPort);
        }
        catch (IOException exception) when (SqliteFaults.Classify(exception, options.StateDatabasePath, 0) is { } fault)
        {
            await silo.DisposeAsync();
            throw new StateStoreException(fault, exception);
        }

        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        DevGatewayFile.Delete(_stateDir);
        // Running trials first checkpoint at their next batch boundary (the silo's drain), then Orleans stops.
        using var timeout = new CancellationTokenSource(_stopTimeout);
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
