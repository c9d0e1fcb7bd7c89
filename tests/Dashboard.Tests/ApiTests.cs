using System.Net;
using System.Text.Json;

namespace HyperSweep.Dashboard.Tests;

/// <summary>Every /api endpoint: status codes, JSON shapes (the CLI's field names), 404s with an error body and no stack trace.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Sweeps_lists_both_sweeps_with_the_cli_fields_and_filters_by_state()
    {
        using var all = await GetJson("/api/sweeps");
        var finished = Assert.Single(all.RootElement.EnumerateArray(), s => s.GetProperty("sweep_id").GetString() == fixture.FinishedSweepId);
        foreach (var field in new[] { "name", "state", "reason", "objective", "planned", "finished", "pending", "running", "completed", "pruned", "failed", "cancelled", "best", "created_at", "finished_at" })
        {
            Assert.True(finished.TryGetProperty(field, out _), $"sweep object lacks {field}");
        }

        Assert.Equal("completed", finished.GetProperty("state").GetString());
        Assert.Equal(16, finished.GetProperty("planned").GetInt32());

        using var completed = await GetJson("/api/sweeps?state=completed");
        Assert.All(completed.RootElement.EnumerateArray(), s => Assert.Equal("completed", s.GetProperty("state").GetString()));
        Assert.DoesNotContain(completed.RootElement.EnumerateArray(), s => s.GetProperty("sweep_id").GetString() == fixture.LiveSweepId);
    }

    [Fact]
    public async Task Importance_is_the_cli_report_and_the_sweep_page_draws_it()
    {
        var cli = await fixture.Cli("importance", fixture.FinishedSweepId, "--json");
        Assert.Equal(0, cli.ExitCode);
        using var expected = JsonDocument.Parse(cli.Output);
        using var json = await GetJson($"/api/sweeps/{fixture.FinishedSweepId}/importance");

        var names = json.RootElement.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(expected.RootElement.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()), names);
        Assert.NotEmpty(names);
        var page = await fixture.DevHttp.GetStringAsync($"/sweeps/{fixture.FinishedSweepId}");
        Assert.Contains("data-chart=\"importance\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.DevHttp.GetAsync("/api/sweeps/sw-nope/importance")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_state_filter_is_a_400_naming_the_states()
    {
        var response = await fixture.DevHttp.GetAsync("/api/sweeps?state=sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("running, paused, completed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_has_every_trial_with_trial_fields_and_ranks()
    {
        using var json = await GetJson($"/api/sweeps/{fixture.FinishedSweepId}");
        var trials = json.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(16, trials.Count);
        foreach (var field in new[] { "number", "state", "epochs_run", "best_value", "params", "reason", "best_epoch", "last_value", "attempts", "silo", "ended_at", "rank" })
        {
            Assert.True(trials[0].TryGetProperty(field, out _), $"trial object lacks {field}");
        }

        var ranks = trials.Where(t => t.GetProperty("rank").ValueKind == JsonValueKind.Number).Select(t => t.GetProperty("rank").GetInt32()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, ranks.Count), ranks);
    }

    [Fact]
    public async Task The_leaderboard_is_top_k_best_first_as_top_json_reports()
    {
        using var api = await GetJson($"/api/sweeps/{fixture.FinishedSweepId}/leaderboard?top=3");
        var cli = await fixture.Cli("top", fixture.FinishedSweepId, "-k", "3", "--json");
        Assert.Equal(0, cli.ExitCode);
        using var top = JsonDocument.Parse(cli.Output);
        Assert.Equal(
            top.RootElement.GetProperty("trials").EnumerateArray().Select(t => (t.GetProperty("number").GetInt32(), t.GetProperty("best_value").GetDouble())),
            api.RootElement.GetProperty("trials").EnumerateArray().Select(t => (t.GetProperty("number").GetInt32(), t.GetProperty("best_value").GetDouble())));
    }

    [Fact]
    public async Task Charts_carry_curves_parallel_axes_best_so_far_and_pruning_steps()
    {
        using var json = await GetJson($"/api/sweeps/{fixture.FinishedSweepId}/charts");
        var root = json.RootElement;
        Assert.Equal("val_accuracy", root.GetProperty("metric").GetString());
        var curves = root.GetProperty("curves").EnumerateArray().ToList();
        Assert.NotEmpty(curves);
        Assert.All(curves.Where(c => c.GetProperty("pruned_at").ValueKind == JsonValueKind.Number),
            c => Assert.Equal(c.GetProperty("pruned_at").GetInt32(), c.GetProperty("epochs").EnumerateArray().Last().GetInt32()));
        Assert.Contains(root.GetProperty("parallel").EnumerateArray(), a => a.GetProperty("name").GetString() == "arch");
        Assert.True(root.GetProperty("best").GetProperty("by_trial").GetArrayLength() > 0);
        var pruning = root.GetProperty("pruning").EnumerateArray().ToList();
        Assert.Equal(16, pruning[0].GetProperty("reached").GetInt32());
    }

    [Fact]
    public async Task A_trial_has_its_attempts_and_epochs_like_trial_json()
    {
        using var json = await GetJson($"/api/sweeps/{fixture.FinishedSweepId}/trials/0");
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("trial").GetProperty("number").GetInt32());
        var attempt = Assert.Single(root.GetProperty("attempts").EnumerateArray());
        Assert.Equal(0, attempt.GetProperty("resumed_from_epoch").GetInt32());
        var epochs = root.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("trial").GetProperty("epochs_run").GetInt32(), epochs.Count);
        Assert.True(epochs[0].TryGetProperty("val_accuracy", out _));
    }

    [Fact]
    public async Task Cluster_lists_the_silo_with_its_two_slots()
    {
        using var json = await GetJson("/api/cluster");
        var silo = Assert.Single(json.RootElement.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.Equal(2, silo.GetProperty("slots").GetProperty("capacity").GetInt32());
        Assert.True(silo.GetProperty("running_trials").GetArrayLength() <= 2);
        Assert.Equal(2, json.RootElement.GetProperty("capacity").GetInt32());
    }

    [Theory]
    [InlineData("/api/sweeps/sw-doesnotexist")]
    [InlineData("/api/sweeps/sw-doesnotexist/charts")]
    [InlineData("/api/sweeps/sw-doesnotexist/leaderboard")]
    [InlineData("/api/sweeps/sw-doesnotexist/trials/0")]
    [InlineData("/api/sweeps/not%20an%20id")]
    [InlineData("/api/nothing/here")]
    public async Task Unknown_things_are_404_json_without_a_stack_trace(string path)
    {
        var response = await fixture.DevHttp.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetString()));
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_trial_of_a_known_sweep_is_404()
    {
        var response = await fixture.DevHttp.GetAsync($"/api/sweeps/{fixture.FinishedSweepId}/trials/999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no trial 999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> GetJson(string path)
    {
        var response = await fixture.DevHttp.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
