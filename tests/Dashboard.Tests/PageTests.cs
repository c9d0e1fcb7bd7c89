using System.Net;

namespace HyperSweep.Dashboard.Tests;

/// <summary>The pages over plain HTTP (their server-rendered HTML): status codes, content, 404 pages, no stack traces.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_sweeps_page_lists_both_sweeps_and_filters_by_state()
    {
        var all = await Page("/");
        Assert.Contains(fixture.FinishedSweepId, all, StringComparison.Ordinal);
        Assert.Contains(fixture.LiveSweepId, all, StringComparison.Ordinal);
        var completed = await Page("/?state=completed");
        Assert.Contains(fixture.FinishedSweepId, completed, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.LiveSweepId, completed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sweep_page_shows_counts_leaderboard_charts_and_the_marked_slots()
    {
        var html = await Page($"/sweeps/{fixture.FinishedSweepId}");
        Assert.Contains("16/16 finished", html, StringComparison.Ordinal);
        Assert.Contains("id=\"leaderboard\"", html, StringComparison.Ordinal);
        Assert.Contains("data-rows=\"16\"", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "curves", "parallel", "best-by-trial", "best-by-time", "pruning" })
        {
            Assert.Contains($"data-chart=\"{chart}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-slot=\"sweep.importance\"", html, StringComparison.Ordinal);
        Assert.Contains("data-slot=\"sweep.scheduler\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trial_page_shows_parameters_epochs_and_attempts()
    {
        var html = await Page($"/sweeps/{fixture.FinishedSweepId}/trials/0");
        Assert.Contains("id=\"parameters\"", html, StringComparison.Ordinal);
        Assert.Contains("data-epoch=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"attempts\"", html, StringComparison.Ordinal);
        Assert.Contains("data-slot=\"trial.lineage\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asha_sweep_shows_its_rungs_and_a_promoted_trial_its_resumes_as_the_cli_does()
    {
        var html = await Page($"/sweeps/{fixture.AshaSweepId}");
        Assert.Contains("data-slot=\"sweep.scheduler\"", html, StringComparison.Ordinal);
        Assert.Contains("data-scheduler=\"ASHA\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"rungs\"", html, StringComparison.Ordinal);
        Assert.Contains("data-count=\"paused\"", html, StringComparison.Ordinal);

        var trials = await fixture.Cli("trials", fixture.AshaSweepId, "--json");
        using var json = System.Text.Json.JsonDocument.Parse(trials.Output);
        var promoted = json.RootElement.GetProperty("trials").EnumerateArray()
            .First(t => t.GetProperty("promotions").GetInt32() > 0 && t.GetProperty("attempts").GetInt32() > 1).GetProperty("number").GetInt32();
        var page = await Page($"/sweeps/{fixture.AshaSweepId}/trials/{promoted}");
        Assert.Contains("data-slot=\"trial.lineage\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"resumes\"", page, StringComparison.Ordinal);
        Assert.Contains("resumed after epoch", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cluster_page_shows_the_silo_and_its_slots()
    {
        var html = await Page("/cluster");
        Assert.Contains("data-capacity=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("1 active silo(s)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orleans_own_dashboard_is_mounted_under_orleans()
    {
        var response = await fixture.DevHttp.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/sweeps/sw-doesnotexist")]
    [InlineData("/sweeps/sw-doesnotexist/trials/0")]
    [InlineData("/sweeps/not..an..id!")]
    [InlineData("/no/such/page")]
    public async Task Unknown_pages_are_a_404_page_without_a_stack_trace(string path)
    {
        var response = await fixture.DevHttp.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/trials/999")]
    [InlineData("/trials/abc")]
    public async Task An_unknown_trial_of_a_known_sweep_is_a_404_page(string suffix)
    {
        var response = await fixture.DevHttp.GetAsync($"/sweeps/{fixture.FinishedSweepId}{suffix}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/Plotly.Blazor/plotly-3.7.0.min.js")]
    [InlineData("/dashboard-charts.js")]
    [InlineData("/dashboard.css")]
    public async Task The_dashboard_serves_its_own_scripts_no_cdn(string path)
    {
        var response = await fixture.DevHttp.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    [Fact]
    public async Task The_sweep_page_carries_its_figures_and_loads_plotly_deferred_before_the_charts_script()
    {
        var html = await Page($"/sweeps/{fixture.FinishedSweepId}");
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        var plotly = head.IndexOf("<script defer src=\"_content/Plotly.Blazor/plotly-3.7.0.min.js\"></script>", StringComparison.Ordinal);
        var charts = head.IndexOf("<script defer src=\"dashboard-charts.js\"></script>", StringComparison.Ordinal);
        Assert.True(plotly >= 0 && charts > plotly, "plotly.js is deferred in the head, before dashboard-charts.js");
        Assert.Contains("<hs-chart class=\"chart\" data-chart=\"parallel\" data-traces=\"1\" data-figure=\"{&quot;data&quot;:[{&quot;type&quot;:&quot;parcoords&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly-3.7.0", await Page("/"), StringComparison.Ordinal); // a page without charts does not load it
    }

    [Fact]
    public async Task Plotly_is_cached_for_good_and_the_dashboards_own_scripts_are_revalidated()
    {
        using var plotly = await fixture.DevHttp.GetAsync("/_content/Plotly.Blazor/plotly-3.7.0.min.js");
        Assert.Contains("immutable", plotly.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var own = await fixture.DevHttp.GetAsync("/dashboard-charts.js");
        Assert.True(own.Headers.CacheControl?.NoCache);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard-charts.js");
        again.Headers.IfNoneMatch.Add(own.Headers.ETag!);
        using var revalidated = await fixture.DevHttp.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Pages_name_no_other_host()
    {
        var html = await Page($"/sweeps/{fixture.FinishedSweepId}");
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("//cdn", html, StringComparison.Ordinal);
    }

    private async Task<string> Page(string path)
    {
        var response = await fixture.DevHttp.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
