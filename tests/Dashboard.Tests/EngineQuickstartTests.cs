using System.Globalization;
using System.Text.Json;
using HyperSweep.Client;
using HyperSweep.Contracts;
using HyperSweep.Silo;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace HyperSweep.Dashboard.Tests;

/// <summary>
/// The new user's path with the real engine: examples/quickstart.yaml trained by a dev silo, then <c>hypersweep dashboard</c>
/// itself (the CLI command, in this process, on the same state directory) opened in Chromium: the sweep page lists the
/// 16 trials with the values <c>trials --json</c> reports and the best value; the cluster page shows the silo's slots.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class EngineQuickstartTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "hypersweep-dash-engine-" + Guid.NewGuid().ToString("N"));
    private DevSilo? _silo;

    public async Task InitializeAsync() => _silo = await DevSilo.StartAsync(new HyperSweepSiloOptions
    {
        Mode = SiloMode.Dev,
        StateDir = _stateDir,
        SiloPort = 0,
        GatewayPort = 0,
        Slots = 2,
        Workload = WorkloadKind.Engine,
    }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task After_the_quickstart_the_dashboard_command_shows_the_16_trials_the_best_value_and_the_slots()
    {
        var spec = Path.Combine(RepositoryPaths.Root, "examples", "quickstart.yaml");
        var submit = await CliRun.InvokeAsync("submit", spec, "--state-dir", _stateDir);
        Assert.Equal(0, submit.ExitCode);
        var id = submit.Output.Trim();
        await Poll.UntilValue(() => _silo!.Grains.GetGrain<ISweepGrain>(id).GetStatus(), s => s!.IsFinal, TimeSpan.FromMinutes(8), "the quickstart's end");
        var trials = await CliRun.InvokeAsync("trials", id, "--json", "--state-dir", _stateDir);
        using var json = JsonDocument.Parse(trials.Output);
        var expected = json.RootElement.GetProperty("trials").EnumerateArray().ToDictionary(
            t => t.GetProperty("number").GetInt32(),
            t => t.GetProperty("best_value").ValueKind == JsonValueKind.Number ? t.GetProperty("best_value").GetDouble() : (double?)null);
        var best = (await _silo!.Grains.GetGrain<ISweepGrain>(id).GetStatus())!.Best!.BestValue!.Value;

        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var dashboard = HyperSweepCli.InvokeAsync(["dashboard", "--listen", "127.0.0.1:0", "--state-dir", _stateDir], output, TextWriter.Null, stop.Token);
        try
        {
            var url = await Poll.UntilValue(() => Task.FromResult(output.ToString()), o => o.Contains("http://", StringComparison.Ordinal) || dashboard.IsCompleted, TimeSpan.FromSeconds(60), "the dashboard's URL");
            var root = new Uri(url.Trim());
            var driver = browser.Driver;
            driver.Navigate().GoToUrl(new Uri(root, $"sweeps/{id}"));
            // Live first: the circuit replaces the server-rendered rows when it starts, the charts may be drawn before that.
            Wait(driver, d => d.FindElements(By.CssSelector("[data-live]")).Count == 1, "the live page");
            Wait(driver, d => d.FindElements(By.CssSelector("[data-chart=curves] .scatterlayer .trace")).Count > 0, "the curves");
            var rows = driver.FindElements(By.CssSelector("#leaderboard tbody tr"));
            Assert.Equal(16, rows.Count);
            var shown = rows.ToDictionary(
                r => int.Parse(r.GetAttribute("data-trial")!, CultureInfo.InvariantCulture),
                r => r.GetAttribute("data-best") is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : (double?)null);
            Assert.Equal(expected.OrderBy(p => p.Key), shown.OrderBy(p => p.Key));
            Assert.Equal(best, double.Parse(driver.FindElement(By.Id("best")).GetAttribute("data-best")!, CultureInfo.InvariantCulture));
            browser.Screenshot("sweep-engine-quickstart");

            driver.Navigate().GoToUrl(new Uri(root, "cluster"));
            Wait(driver, d => d.FindElements(By.CssSelector("#silos tbody tr[data-capacity='2']")).Count == 1, "the silo with 2 slots");
            browser.Screenshot("cluster-engine-quickstart");
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await dashboard);
        }
    }

    private static void Wait(IWebDriver driver, Func<IWebDriver, bool> condition, string what)
    {
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60)) { Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        wait.Until(condition);
    }
}
