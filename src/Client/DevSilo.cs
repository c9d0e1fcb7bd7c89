using HyperSweep.Silo;
using HyperSweep.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Client;

/// <summary>
/// A dev-mode silo hosted inside the CLI process: the whole service on this machine, state in SQLite under the
/// state directory, silo and gateway on free loopback ports. The co-hosted grain factory needs no network client.
/// </summary>
public sealed class DevSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private DevSilo(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public static async Task<DevSilo> StartAsync(HyperSweepSiloOptions options, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Logs go to stderr so stdout stays for the progress view and --json.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft", LogLevel.Error);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.UseOrleans(silo => HyperSweepSiloConfiguration.Configure(silo, options));
        builder.AddHyperSweepTelemetry(readEnvironment: true);
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new DevSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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
