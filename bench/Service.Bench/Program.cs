using System.Diagnostics;
using System.Globalization;
using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;
using HyperSweep.Service.Bench;
using HyperSweep.Silo;
using HyperSweep.Silo.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Service overhead with no-op trials: a dev-mode silo in this process (SQLite state, every report persisted),
// random sweeps whose trials report 10 synthetic epochs each to a median pruner.
// Usage: HyperSweep.Service.Bench [trials per sweep, comma-separated (default 200,1000)] [slots (default 16)] [telemetry: off|on (default off)]
//                                 [strategy: random|grid (default random)]
// grid sweeps hidden_size over 1..N (N trials); random draws N trials from lr x hidden_size.
// "on" turns on every exporter that needs no outside service: the Prometheus endpoint (loopback, free port) and
// the console exporter writing to /dev/null, so spans and metrics go through the whole SDK pipeline.
var sizes = (args.Length > 0 ? args[0] : "200,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var slots = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var telemetry = args.Length > 2 && args[2] == "on";
var strategy = args.Length > 3 ? args[3] : "random";
if (strategy is not ("random" or "grid"))
{
    Console.Error.WriteLine($"strategy must be random or grid, not '{strategy}'");
    return 2;
}

var stateDir = Path.Combine(Path.GetTempPath(), "hs-bench-" + Guid.NewGuid().ToString("N"));
var workload = new TimedWorkload();

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
builder.Logging.ClearProviders();
builder.Services.AddSingleton<ITrialWorkload>(workload);
builder.UseOrleans(silo => HyperSweepSiloConfiguration.Configure(silo, new HyperSweepSiloOptions
{
    StateDir = stateDir,
    SiloPort = 0,
    GatewayPort = 0,
    Slots = slots,
    Workload = WorkloadKind.Synthetic,
}));
if (telemetry)
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["HyperSweep:Telemetry:PrometheusPort"] = FreePort.OnLoopback().ToString(CultureInfo.InvariantCulture),
        ["HyperSweep:Telemetry:Console"] = "true",
        ["HyperSweep:Telemetry:ConsolePath"] = "/dev/null",
    });
    builder.AddHyperSweepTelemetry();
}

using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
Console.WriteLine($"dev-mode silo, SQLite state in {stateDir}, {slots} slots, concurrency {slots}, {Environment.ProcessorCount} cores, telemetry {(telemetry ? "on" : "off")}, {strategy} sweeps");

foreach (var size in sizes)
{
    workload.RoundTripsMs.Clear();
    var search = strategy == "grid"
        ? $$"""
        strategy: {method: grid, max_grid_size: {{size}}}
        parameters:
          hidden_size: {min: 1, max: {{size}}}
        """
        : $$"""
        strategy: {method: random, trials: {{size}}, seed: 1}
        parameters:
          lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
          hidden_size: {values: [16, 32, 64, 128]}
        """;
    var spec = $$"""
        name: bench-{{size}}
        task:
          kind: classification
          data: {source: agreement}
        objective: {metric: val_loss, direction: minimize}
        {{search}}
        pruner: {name: median, n_startup_trials: 5}
        budget: {max_epochs: 10}
        concurrency: {{slots}}
        """;
    var id = SweepIds.New();
    var sweep = grains.GetGrain<ISweepGrain>(id);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var submitted = await sweep.Submit(new SweepSubmission(spec, "bench.yaml"));
    if (!submitted.Accepted)
    {
        Console.Error.WriteLine(string.Join("\n", submitted.Errors));
        await host.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(stateDir, recursive: true); // a rejected spec leaves no state directory behind
        return 2;
    }

    // Progress samples: finished trials over time, to see whether the cost per trial grows with the sweep.
    var samples = new List<(double Seconds, int Finished)>();
    SweepStatus status;
    long peakHeap = 0;
    while (!(status = (await sweep.GetStatus())!).IsFinal)
    {
        samples.Add((clock.Elapsed.TotalSeconds, status.Finished));
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
        await Task.Delay(200);
    }

    var seconds = clock.Elapsed.TotalSeconds;
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
    samples.Add((seconds, status.Finished));
    var reports = workload.RoundTripsMs.ToArray();
    Array.Sort(reports);
    double Percentile(double p) => reports.Length == 0 ? double.NaN : reports[(int)Math.Min(reports.Length - 1, Math.Floor(p * reports.Length))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{size,7} trials: {seconds,7:0.00} s, {size / seconds,7:0.0} trials/s, {reports.Length} reports ({reports.Length / seconds:0} reports/s), " +
        $"report round trip median {Percentile(0.5):0.00} ms p99 {Percentile(0.99):0.00} ms; completed {status.Completed}, pruned {status.Pruned}; " +
        $"CPU {cpuMs / size:0.00} ms per trial (this process, all threads)"));

    // Cost per trial by quarter of the sweep (ms per finished trial in each quarter).
    var quarters = new List<string>();
    for (var q = 1; q <= 4; q++)
    {
        var from = samples.FirstOrDefault(s => s.Finished >= (q - 1) * size / 4);
        var to = samples.FirstOrDefault(s => s.Finished >= q * size / 4);
        if (to.Finished > from.Finished)
        {
            quarters.Add(string.Create(CultureInfo.InvariantCulture, $"Q{q} {(to.Seconds - from.Seconds) * 1000 / (to.Finished - from.Finished):0.00}"));
        }
    }

    Console.WriteLine($"          ms per trial by quarter of the sweep: {string.Join(", ", quarters)}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"          managed heap: peak sampled {peakHeap / 1048576.0:0} MiB, after the sweep {GC.GetTotalMemory(false) / 1048576.0:0} MiB (GC heap size {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:0} MiB); process peak working set {Environment.WorkingSet / 1048576.0:0} MiB now, {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB peak"));
}

await host.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(stateDir, recursive: true);
return 0;
