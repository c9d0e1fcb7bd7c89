using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;
using HyperSweep.Silo;
using HyperSweep.Silo.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Telemetry.Tests;

/// <summary>
/// A dev-mode silo configured exactly as hypersweep-silo configures one (HyperSweepSiloConfiguration plus the
/// telemetry wiring), on free loopback ports with SQLite state in a temporary folder and the synthetic workload.
/// </summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private TestSilo(IHost host, string directory)
    {
        _host = host;
        _directory = directory;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<TestSilo> StartAsync(IDictionary<string, string?>? configuration = null, ITrialWorkload? workload = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "hs-telemetry-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        if (workload is not null)
        {
            // Registered first: the silo configuration only adds its workload when none is registered.
            builder.Services.AddSingleton(workload);
        }

        builder.UseOrleans(silo => HyperSweepSiloConfiguration.Configure(silo, new HyperSweepSiloOptions
        {
            StateDir = directory,
            SiloPort = 0,
            GatewayPort = 0,
            Slots = 2,
            Workload = WorkloadKind.Synthetic,
            ClusterId = "telemetry-tests",
            MonitorInterval = TimeSpan.FromMilliseconds(200),
            WakeInterval = TimeSpan.FromSeconds(1),
        }));
        builder.AddHyperSweepTelemetry();
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, directory);
    }

    public async Task<string> SubmitAsync(string spec)
    {
        var id = SweepIds.New();
        var result = await Grains.GetGrain<ISweepGrain>(id).Submit(new SweepSubmission(spec, "telemetry-test.yaml"));
        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        return id;
    }

    public async Task<SweepStatus> WaitFinishedAsync(string id)
    {
        SweepStatus? status = null;
        await Poll.Until(
            async () => (status = await Grains.GetGrain<ISweepGrain>(id).GetStatus()) is { IsFinal: true },
            TimeSpan.FromSeconds(25),
            () => $"sweep {id} did not finish: {status}");
        return status!;
    }

    /// <summary>Stops the host (which flushes and shuts down its exporters).</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; a leftover temp folder is harmless.
            }
        }
    }
}
