using System.Globalization;
using System.Text.Json;
using HyperSweep.Contracts;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace HyperSweep.Dashboard.Tests;

/// <summary>
/// The pages in a real headless Chromium: leaderboard values equal to <c>trials --json</c>, one curve trace per listed
/// trial, a live page updating without reload after an event the test causes, control refused without the token.
/// Each saves a screenshot (<see cref="BrowserFixture.ArtifactsDir"/>).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class BrowserTests(DashboardFixture fixture, BrowserFixture browser)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IWebDriver Driver => browser.Driver;

    [Fact]
    public async Task The_leaderboard_lists_every_trial_with_the_values_trials_json_reports()
    {
        var cli = await fixture.Cli("trials", fixture.FinishedSweepId, "--json");
        Assert.Equal(0, cli.ExitCode);
        using var json = JsonDocument.Parse(cli.Output);
        var expected = json.RootElement.GetProperty("trials").EnumerateArray().ToDictionary(
            t => t.GetProperty("number").GetInt32(),
            t => t.GetProperty("best_value").ValueKind == JsonValueKind.Number ? t.GetProperty("best_value").GetDouble() : (double?)null);

        Open(fixture.Dev.Url, $"sweeps/{fixture.FinishedSweepId}");
        WaitForPage();
        var rows = Driver.FindElements(By.CssSelector("#leaderboard tbody tr"));
        Assert.Equal(16, rows.Count);
        var shown = rows.ToDictionary(
            r => int.Parse(r.GetAttribute("data-trial")!, CultureInfo.InvariantCulture),
            r => r.GetAttribute("data-best") is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : (double?)null);
        Assert.Equal(expected.OrderBy(p => p.Key), shown.OrderBy(p => p.Key));
        Assert.Contains("16/16 finished", Driver.FindElement(By.Id("progress")).Text, StringComparison.Ordinal);
        browser.Screenshot("sweep-synthetic-quickstart");
    }

    [Fact]
    public async Task The_curve_chart_draws_one_trace_per_listed_trial_pruned_ones_dashed()
    {
        using var charts = JsonDocument.Parse(await fixture.DevHttp.GetStringAsync($"/api/sweeps/{fixture.FinishedSweepId}/charts"));
        var curves = charts.RootElement.GetProperty("curves").EnumerateArray().ToList();
        var pruned = curves.Count(c => c.GetProperty("pruned_at").ValueKind == JsonValueKind.Number);

        Open(fixture.Dev.Url, $"sweeps/{fixture.FinishedSweepId}");
        WaitForPage();
        var traces = Driver.FindElements(By.CssSelector("[data-chart=curves] .scatterlayer .trace"));
        Assert.Equal(curves.Count, traces.Count);
        var dashed = Driver.FindElements(By.CssSelector("[data-chart=curves] .scatterlayer .trace .js-line"))
            .Count(line => (line.GetAttribute("style") ?? "").Contains("stroke-dasharray", StringComparison.Ordinal)
                && !(line.GetAttribute("style") ?? "").Contains("stroke-dasharray: 0", StringComparison.Ordinal));
        Assert.Equal(pruned, dashed);
    }

    [Fact]
    public async Task The_charts_are_drawn_from_the_server_rendered_page_before_and_without_the_circuit()
    {
        using var charts = JsonDocument.Parse(await fixture.DevHttp.GetStringAsync($"/api/sweeps/{fixture.FinishedSweepId}/charts"));
        var curves = charts.RootElement.GetProperty("curves").GetArrayLength();
        var axes = charts.RootElement.GetProperty("parallel").GetArrayLength() + 1; // the parameters that vary and the objective

        // Blazor's circuit cannot start: what is drawn comes from the page's HTML and plotly.js alone.
        browser.Driver.ExecuteCdpCommand("Network.enable", []);
        browser.Driver.ExecuteCdpCommand("Network.setBlockedURLs", new() { ["urls"] = new[] { "*/_blazor*" } });
        try
        {
            Open(fixture.Dev.Url, $"sweeps/{fixture.FinishedSweepId}");
            WaitForCharts();
            Assert.Empty(Driver.FindElements(By.CssSelector("[data-live]")));
            Assert.Equal(curves, Driver.FindElements(By.CssSelector("[data-chart=curves] .scatterlayer .trace")).Count);
            Assert.Equal(axes, Driver.FindElements(By.CssSelector("[data-chart=parallel] g.parcoords g.y-axis")).Count);
            Assert.Equal(3, Driver.FindElements(By.CssSelector("[data-chart=pruning] .barlayer .trace")).Count);
            browser.Screenshot("sweep-without-circuit");
        }
        finally
        {
            browser.Driver.ExecuteCdpCommand("Network.setBlockedURLs", new() { ["urls"] = Array.Empty<string>() });
            browser.Driver.ExecuteCdpCommand("Network.disable", []);
        }
    }

    [Fact]
    public void A_live_sweep_page_redraws_its_charts_as_the_sweep_goes_on_without_reload()
    {
        // Trials at epoch 1 in the pruner chart as plotly.js holds it (continued + pruned + ended otherwise: every trial that got there).
        const string Reached = "return document.querySelector('[data-chart=pruning] .js-plotly-plot').data.reduce((n, t) => n + t.y[0], 0);";
        const string DrawnIsCurrent = "const c = document.querySelector('[data-chart=pruning]');" +
            "return JSON.stringify(c.querySelector('.js-plotly-plot').data.map(t => t.y)) === JSON.stringify(JSON.parse(c.dataset.figure).data.map(t => t.y));";
        Open(fixture.Dev.Url, $"sweeps/{fixture.LiveSweepId}");
        WaitForPage();
        ((IJavaScriptExecutor)Driver).ExecuteScript("window.hypersweepMarker = 'same page';");
        var first = Convert.ToDouble(((IJavaScriptExecutor)Driver).ExecuteScript(Reached), CultureInfo.InvariantCulture);

        Wait(d => Convert.ToDouble(((IJavaScriptExecutor)d).ExecuteScript(Reached), CultureInfo.InvariantCulture) > first, "the pruner chart redrawn with more trials");
        Wait(d => (bool)((IJavaScriptExecutor)d).ExecuteScript(DrawnIsCurrent)!, "the chart drawn from the page's current figure");
        WaitForCharts();
        Assert.Equal("same page", ((IJavaScriptExecutor)Driver).ExecuteScript("return window.hypersweepMarker;"));
    }

    [Fact]
    public void A_sweep_page_reached_by_a_link_from_the_sweeps_page_draws_its_charts()
    {
        // Blazor's enhanced navigation patches the page in place and runs no script of the new page's head: the charts'
        // script loads plotly.js itself (the sweeps page does not load it).
        Open(fixture.Dev.Url, "");
        Wait(d => d.FindElements(By.CssSelector("#sweeps tbody tr")).Count >= 2, "the sweep rows");
        ((IJavaScriptExecutor)Driver).ExecuteScript("window.hypersweepMarker = 'same document';");
        Assert.Equal(0L, ((IJavaScriptExecutor)Driver).ExecuteScript("return document.querySelectorAll('script[src*=plotly]').length;"));

        // Clicked in one script: the sweeps page replaces its server-rendered rows once its circuit is up.
        ((IJavaScriptExecutor)Driver).ExecuteScript($"document.querySelector(\"#sweeps a[href='/sweeps/{fixture.FinishedSweepId}']\").click();");
        WaitForPage();
        Assert.Equal("same document", ((IJavaScriptExecutor)Driver).ExecuteScript("return window.hypersweepMarker;"));
        Assert.Equal(16, Driver.FindElements(By.CssSelector("#leaderboard tbody tr")).Count);
    }

    [Fact]
    public async Task A_live_sweep_page_updates_without_reload_when_the_sweep_changes()
    {
        var sweep = fixture.Grains.GetGrain<ISweepGrain>(fixture.LiveSweepId);
        Open(fixture.Dev.Url, $"sweeps/{fixture.LiveSweepId}");
        WaitForPage();
        Wait(d => d.FindElement(By.CssSelector("h1 [data-state]")).GetAttribute("data-state") == "running", "the running state");
        ((IJavaScriptExecutor)Driver).ExecuteScript("window.hypersweepMarker = 'same page';");

        await sweep.Pause(); // the event: the page must show it by itself
        try
        {
            Wait(d => d.FindElement(By.CssSelector("h1 [data-state]")).GetAttribute("data-state") == "paused", "the paused state");
            Assert.Equal("same page", ((IJavaScriptExecutor)Driver).ExecuteScript("return window.hypersweepMarker;"));
            browser.Screenshot("sweep-live-paused");
        }
        finally
        {
            await sweep.Resume();
        }
    }

    [Fact]
    public async Task Without_the_token_the_page_is_read_only_and_a_control_request_is_refused()
    {
        var sweep = fixture.Grains.GetGrain<ISweepGrain>(fixture.LiveSweepId);
        var before = (await sweep.GetStatus())!.State;
        Open(fixture.Cluster.Url, $"sweeps/{fixture.LiveSweepId}");
        WaitForPage();
        Assert.NotEmpty(Driver.FindElements(By.CssSelector("[data-access=read-only]")));
        Assert.Empty(Driver.FindElements(By.Id("pause")));
        Assert.Empty(Driver.FindElements(By.Id("cancel")));
        var status = ((IJavaScriptExecutor)Driver).ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1];" +
            $"fetch('/api/sweeps/{fixture.LiveSweepId}/cancel', {{ method: 'POST' }}).then(r => done(r.status), e => done(String(e)));");
        Assert.Equal(401L, status);
        Assert.Equal(before, (await sweep.GetStatus())!.State);
        browser.Screenshot("sweep-read-only");
    }

    [Fact]
    public void With_control_the_page_offers_pause_and_cancel()
    {
        Open(fixture.Dev.Url, $"sweeps/{fixture.LiveSweepId}");
        WaitForPage();
        Wait(d => d.FindElements(By.Id("pause")).Count == 1 || d.FindElements(By.Id("resume")).Count == 1, "a control button");
        Assert.NotEmpty(Driver.FindElements(By.CssSelector("[data-access=control]")));
        Assert.Single(Driver.FindElements(By.Id("cancel")));
    }

    [Fact]
    public void The_trial_page_shows_its_curves_epochs_and_attempts()
    {
        Open(fixture.Dev.Url, $"sweeps/{fixture.FinishedSweepId}/trials/0");
        WaitForPage();
        Assert.NotEmpty(Driver.FindElements(By.CssSelector("#epochs tbody tr")));
        Assert.Single(Driver.FindElements(By.CssSelector("#attempts tbody tr")));
        Assert.True(Driver.FindElements(By.CssSelector("[data-chart=trial-curves] .scatterlayer .trace")).Count >= 3);
        browser.Screenshot("trial");
    }

    [Fact]
    public void The_cluster_page_shows_the_silo_and_its_slots()
    {
        Open(fixture.Dev.Url, "cluster");
        // Read in one script: the page re-renders live (and replaces its server-rendered rows once interactive).
        Wait(d => (string)((IJavaScriptExecutor)d).ExecuteScript(
            "const rows = document.querySelectorAll('#silos tbody tr');" +
            "return rows.length + '/' + (rows[0]?.dataset.capacity ?? '') + '/' + document.querySelectorAll('#silos .slot').length;")! == "1/2/2",
            "one silo row with 2 slots drawn");
        browser.Screenshot("cluster");
    }

    [Fact]
    public void The_sweeps_page_and_an_unknown_sweep_render_in_the_browser()
    {
        Open(fixture.Dev.Url, "");
        Wait(d => d.FindElements(By.CssSelector("#sweeps tbody tr")).Count >= 2, "the sweep rows");
        browser.Screenshot("sweeps");
        Open(fixture.Dev.Url, "sweeps/sw-doesnotexist");
        Wait(d => d.FindElements(By.Id("not-found")).Count == 1, "the not-found page");
    }

    private void Open(Uri server, string path) => Driver.Navigate().GoToUrl(new Uri(server, path));

    /// <summary>Until the page is live (its circuit rendered it: no server-rendered element is replaced after this) and every chart is drawn.</summary>
    private void WaitForPage()
    {
        Wait(d => d.FindElements(By.CssSelector("[data-live]")).Count == 1, "the live page");
        WaitForCharts();
    }

    /// <summary>Until every chart on the page is drawn by plotly.js: as many plotly trace groups as the chart has traces.</summary>
    private void WaitForCharts() => Wait(d => (bool)((IJavaScriptExecutor)d).ExecuteScript(
        "const charts = [...document.querySelectorAll('[data-chart]')];" +
        "return charts.length > 0 && charts.every(c => c.querySelectorAll('g.trace, g.parcoords').length === Number(c.dataset.traces));")!,
        "every chart drawn");

    private void Wait(Func<IWebDriver, bool> condition, string what)
    {
        var wait = new WebDriverWait(Driver, Deadline) { Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        wait.Until(condition);
    }
}
