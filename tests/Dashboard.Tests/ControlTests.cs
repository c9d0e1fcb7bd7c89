using System.Net;
using System.Text.Json;
using HyperSweep.Contracts;

namespace HyperSweep.Dashboard.Tests;

/// <summary>Who may pause, resume and cancel: the token on a cluster dashboard (401 without, 403 with a wrong one, nothing changed), loopback in dev mode, never cross-origin.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ControlTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("pause")]
    [InlineData("cancel")]
    [InlineData("resume")]
    public async Task Without_the_token_a_cluster_dashboard_answers_401_and_changes_nothing(string action)
    {
        var before = await StateOf(fixture.LiveSweepId);
        var response = await fixture.ClusterHttp.SendAsync(fixture.WithToken(HttpMethod.Post, $"/api/sweeps/{fixture.LiveSweepId}/{action}", null));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StateOf(fixture.LiveSweepId));
    }

    [Fact]
    public async Task A_wrong_token_is_403_and_changes_nothing()
    {
        var before = await StateOf(fixture.LiveSweepId);
        var response = await fixture.ClusterHttp.SendAsync(fixture.WithToken(HttpMethod.Post, $"/api/sweeps/{fixture.LiveSweepId}/cancel", fixture.Token + "x"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await StateOf(fixture.LiveSweepId));
        Assert.NotEqual(SweepState.Cancelled, await StateOf(fixture.LiveSweepId));
    }

    [Fact]
    public async Task The_token_pauses_and_resumes_on_a_cluster_dashboard()
    {
        var paused = await fixture.ClusterHttp.SendAsync(fixture.WithToken(HttpMethod.Post, $"/api/sweeps/{fixture.LiveSweepId}/pause", fixture.Token));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        using (var json = JsonDocument.Parse(await paused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("paused", json.RootElement.GetProperty("state").GetString());
        }

        var resumed = await fixture.ClusterHttp.SendAsync(fixture.WithToken(HttpMethod.Post, $"/api/sweeps/{fixture.LiveSweepId}/resume", fixture.Token));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(SweepState.Running, await StateOf(fixture.LiveSweepId));
    }

    [Fact]
    public async Task In_dev_mode_loopback_may_control_but_not_from_another_origin()
    {
        var crossSite = fixture.WithToken(HttpMethod.Post, $"/api/sweeps/{fixture.LiveSweepId}/pause", null);
        crossSite.Headers.Add("Origin", "http://evil.example");
        var refused = await fixture.DevHttp.SendAsync(crossSite);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(SweepState.Running, await StateOf(fixture.LiveSweepId));

        var paused = await fixture.DevHttp.PostAsync($"/api/sweeps/{fixture.LiveSweepId}/pause", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(SweepState.Paused, await StateOf(fixture.LiveSweepId));
        Assert.Equal(HttpStatusCode.OK, (await fixture.DevHttp.PostAsync($"/api/sweeps/{fixture.LiveSweepId}/resume", null)).StatusCode);
    }

    [Fact]
    public async Task Control_of_an_unknown_sweep_is_404_and_an_unknown_action_is_not_routed()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.DevHttp.PostAsync("/api/sweeps/sw-doesnotexist/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.DevHttp.PostAsync($"/api/sweeps/{fixture.LiveSweepId}/explode", null)).StatusCode);
    }

    [Fact]
    public async Task Whoami_says_who_may_control()
    {
        using var cluster = JsonDocument.Parse(await fixture.ClusterHttp.GetStringAsync("/api/whoami"));
        Assert.False(cluster.RootElement.GetProperty("control").GetBoolean());
        using var dev = JsonDocument.Parse(await fixture.DevHttp.GetStringAsync("/api/whoami"));
        Assert.True(dev.RootElement.GetProperty("control").GetBoolean());
    }

    [Fact]
    public async Task The_orleans_grain_state_endpoint_needs_the_token()
    {
        var response = await fixture.ClusterHttp.GetAsync("/orleans/GrainState?grainId=x&grainType=y");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<SweepState> StateOf(string sweepId) => (await fixture.Grains.GetGrain<ISweepGrain>(sweepId).GetStatus())!.State;
}
