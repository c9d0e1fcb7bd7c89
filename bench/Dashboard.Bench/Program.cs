using System.Diagnostics;
using System.Globalization;
using HyperSweep.Contracts;
using HyperSweep.Dashboard;
using HyperSweep.Dashboard.Bench;
using HyperSweep.Dashboard.Hosting;
using HyperSweep.Dashboard.Security;
using HyperSweep.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenQA.Selenium;

// Dashboard benchmark (bench/README-dashboard.md), a dev-mode silo and the dashboard in this process:
//   calls SECONDS TABS[,TABS...]   grain calls the coordinator receives per second with N Chromium tabs open on a live sweep's page
//   page TRIALS [RUNS] [median|none]  sweep-page time for a finished sweep of TRIALS synthetic trials (median pruner, or
//                                     none: every trial completes): HTTP (server + transfer) and browser
var mode = args.Length > 0 ? args[0] : "page";
var stateDir = Path.Combine(Path.GetTempPath(), "hs-dash-bench-" + Guid.NewGuid().ToString("N"));
var counter = new CallCounter();
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
builder.Logging.ClearProviders();
builder.UseOrleans(silo =>
{
    HyperSweepSiloConfiguration.Configure(silo, new HyperSweepSiloOptions
    {
        StateDir = stateDir,
        SiloPort = 0,
        GatewayPort = 0,
        Slots = mode == "calls" ? 2 : 16,
        Workload = WorkloadKind.Synthetic,
        SyntheticEpochMs = mode == "calls" ? 20 : 0,
    });
    silo.AddIncomingGrainCallFilter(counter);
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
Console.WriteLine($"{Environment.ProcessorCount} cores; dev-mode silo in this process; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
try
{
    return mode switch
    {
        "calls" => await Calls(int.Parse(args[1], CultureInfo.InvariantCulture), args[2].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray()),
        "page" => await Page(int.Parse(args.Length > 1 ? args[1] : "10000", CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5, args.Length > 3 ? args[3] : "median"),
        _ => Usage(),
    };
}
finally
{
    await host.StopAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(stateDir, recursive: true);
}

static int Usage()
{
    Console.Error.WriteLine("usage: calls SECONDS TABS[,TABS...] | page TRIALS [RUNS] [median|none]");
    return 2;
}

async Task<string> Submit(string spec)
{
    var id = SweepIds.New();
    var result = await grains.GetGrain<ISweepGrain>(id).Submit(new SweepSubmission(spec, "bench.yaml"));
    return result.Accepted ? id : throw new InvalidOperationException(string.Join("; ", result.Errors));
}

async Task<int> Calls(int seconds, int[] tabCounts)
{
    var live = await Submit("""
        name: live
        task: {kind: classification, data: {source: agreement}}
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, trials: 100000, seed: 5}
        parameters:
          lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
          hidden_size: {values: [16, 32, 64, 128]}
        pruner: {name: median, n_startup_trials: 5}
        budget: {max_epochs: 10}
        concurrency: 2
        """);
    await using var server = await DashboardServer.StartAsync(grains, new DashboardEndpoint(ListenAddress.Parse("127.0.0.1:0")), o => o.Mode = DashboardMode.Dev);
    var profile = Path.Combine(Path.GetTempPath(), "hs-dash-bench-chromium-" + Guid.NewGuid().ToString("N"));
    using var driver = Browser.Start(profile);
    Console.WriteLine($"live sweep {live} (2 slots, 20 ms epochs); dashboard {server.Url}; refresh interval 1 s; {seconds} s per measurement");
    Console.WriteLine("| tabs | " + string.Join(" | ", CallCounter.DashboardReads) + " | dashboard reads/s | coordinator calls/s, the sweep's own reports included |");
    foreach (var tabs in tabCounts)
    {
        var first = driver.CurrentWindowHandle;
        for (var i = 0; i < tabs; i++)
        {
            if (i > 0)
            {
                driver.SwitchTo().NewWindow(WindowType.Tab);
            }

            driver.Navigate().GoToUrl(new Uri(server.Url, $"sweeps/{live}"));
            Browser.WaitForCharts(driver);
            Browser.WaitForLive(driver); // the charts are drawn before the circuit is up; the page's reads start with it
        }

        counter.Reset();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var calls = counter.Snapshot();
        var reads = CallCounter.DashboardReads.Select(m => calls.GetValueOrDefault(m)).ToList();
        var coordinator = calls.Where(c => c.Key.StartsWith("ISweepGrain.", StringComparison.Ordinal) || c.Key.StartsWith("ISweepDispatch.", StringComparison.Ordinal)).Sum(c => c.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {tabs} | {string.Join(" | ", reads)} | {reads.Sum() / (double)seconds:0.00} | {coordinator / (double)seconds:0.0} |"));
        foreach (var handle in driver.WindowHandles.Where(h => h != first).ToList())
        {
            driver.SwitchTo().Window(handle);
            driver.Close();
        }

        driver.SwitchTo().Window(first);
        driver.Navigate().GoToUrl("about:blank");
    }

    driver.Quit();
    await grains.GetGrain<ISweepGrain>(live).Cancel();
    Directory.Delete(profile, recursive: true);
    return 0;
}

async Task<int> Page(int trials, int runs, string pruner)
{
    var pruning = pruner == "none" ? "pruner: {name: none}" : "pruner: {name: median, n_startup_trials: 5, n_warmup_steps: 1}";
    var clock = Stopwatch.StartNew();
    var id = await Submit($$$"""
        name: bench-{{{trials}}}
        task: {kind: classification, data: {source: agreement}}
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, trials: {{{trials}}}, seed: 11}
        parameters:
          lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
          hidden_size: {values: [16, 32, 64, 128]}
          embedding_dim: {values: [16, 32, 64]}
        {{{pruning}}}
        budget: {max_epochs: 10}
        concurrency: 16
        """);
    var sweep = grains.GetGrain<ISweepGrain>(id);
    while ((await sweep.GetStatus())!.IsFinal is false)
    {
        await Task.Delay(500);
    }

    var status = (await sweep.GetStatus())!;
    Console.WriteLine($"sweep {id}: {status.PlannedTrials} trials ({status.Completed} completed, {status.Pruned} pruned) ran in {clock.Elapsed.TotalSeconds:0} s");
    Console.WriteLine("| run | cold page (fresh dashboard: grain reads + charts + render) | HTML bytes | warm page | /api charts (cold, bytes) | browser, first visit: navigation to all charts drawn | live (circuit rendered) | browser, repeat visit |");
    var profile = Path.Combine(Path.GetTempPath(), "hs-dash-bench-chromium-" + Guid.NewGuid().ToString("N"));
    using var driver = Browser.Start(profile);
    var cold = new List<double>();
    var warm = new List<double>();
    var first = new List<PageVisit>();
    var repeat = new List<PageVisit>();
    var breakdown = new List<string>();
    for (var run = 1; run <= runs; run++)
    {
        await using var server = await DashboardServer.StartAsync(grains, new DashboardEndpoint(ListenAddress.Parse("127.0.0.1:0")), o => o.Mode = DashboardMode.Dev);
        using var http = new HttpClient { BaseAddress = server.Url };
        var (coldMs, bytes) = await Timed(http, $"/sweeps/{id}");
        var (warmMs, _) = await Timed(http, $"/sweeps/{id}");
        await using var other = await DashboardServer.StartAsync(grains, new DashboardEndpoint(ListenAddress.Parse("127.0.0.1:0")), o => o.Mode = DashboardMode.Dev);
        using var otherHttp = new HttpClient { BaseAddress = other.Url };
        var (chartsMs, chartBytes) = await Timed(otherHttp, $"/api/sweeps/{id}/charts");
        // A first visit: every run's dashboard listens on a new port, a new origin, so nothing of it is in the browser's
        // cache. Then the same page again (a repeat visit: plotly.js from the cache).
        var page = new Uri(server.Url, $"sweeps/{id}");
        var visit = Browser.Visit(driver, page);
        if (run == 1 && Environment.GetEnvironmentVariable("DASHBOARD_BENCH_SCREENSHOT") is { Length: > 0 } shot)
        {
            // The charts (below the 50-row leaderboard) are what a 10,000-trial sweep is about.
            ((IJavaScriptExecutor)driver).ExecuteScript("window.scrollTo(0, document.querySelector('[data-chart=curves]').getBoundingClientRect().top + window.scrollY - 90);");
            ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(shot);
        }

        driver.Navigate().GoToUrl("about:blank");
        var again = Browser.Visit(driver, page);
        breakdown.Add(string.Create(CultureInfo.InvariantCulture,
            $"run {run}, first visit: {Marks(visit)}; repeat visit: {Marks(again)}"));
        cold.Add(coldMs);
        warm.Add(warmMs);
        first.Add(visit);
        repeat.Add(again);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run} | {coldMs:0} ms | {bytes / 1024.0:0} KiB | {warmMs:0} ms | {chartsMs:0} ms, {chartBytes / 1024.0:0} KiB | {visit.TotalMs:0} ms | {visit.LiveMs:0} ms | {again.TotalMs:0} ms |"));
        driver.Navigate().GoToUrl("about:blank");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"median: cold {Median(cold):0} ms, warm {Median(warm):0} ms; browser, first visit {Medians(first)}; repeat visit {Medians(repeat)}"));
    Console.WriteLine("page's clock (ms since navigation start):");
    breakdown.ForEach(Console.WriteLine);
    driver.Quit();
    Directory.Delete(profile, recursive: true);
    return 0;
}

static string Medians(List<PageVisit> visits) => string.Create(CultureInfo.InvariantCulture,
    $"{Median(visits.ConvertAll(v => v.TotalMs)):0} ms (page's clock: all charts but the parallel coordinates {Median(visits.ConvertAll(v => v.SvgChartsDrawnMs)):0} ms, all charts {Median(visits.ConvertAll(v => v.ChartsDrawnMs)):0} ms, live {Median(visits.ConvertAll(v => v.LiveMs)):0} ms)");

static string Marks(PageVisit v) => string.Create(CultureInfo.InvariantCulture,
    $"HTML {v.HtmlMs:0}, plotly.js {v.PlotlyMs:0} ({v.PlotlyBytes / 1024.0:0} KiB transferred), DOMContentLoaded {v.DomContentLoadedMs:0}, all charts but the parallel coordinates {v.SvgChartsDrawnMs:0}, all charts {v.ChartsDrawnMs:0}, live {v.LiveMs:0}");

static async Task<(double Ms, long Bytes)> Timed(HttpClient http, string path)
{
    var clock = Stopwatch.StartNew();
    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
    var body = await response.Content.ReadAsByteArrayAsync();
    response.EnsureSuccessStatusCode();
    return (clock.Elapsed.TotalMilliseconds, body.LongLength);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
