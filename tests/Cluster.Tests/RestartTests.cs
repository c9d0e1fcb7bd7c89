using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Cluster.Tests;

/// <summary>The whole cluster stopped mid-sweep and started again; Redis restarted from its append-only file under a running sweep.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_sweep_resumes_after_every_silo_was_stopped_with_earlier_results_intact()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 2, slots: 2, epochMs: 200);
        const int trials = 8;
        const int epochs = 4;
        var id = await cluster.SubmitAsync(Specs.Random(trials, epochs, concurrency: 4));

        IReadOnlyList<TrialSummary> rows = [];
        await Poll.Until(
            async () => (rows = await cluster.Sweep(id).GetTrials()).Count(t => t.State == TrialState.Completed) >= 2
                && rows.Any(t => t.State == TrialState.Running),
            TimeSpan.FromSeconds(60),
            () => "no point with finished and running trials: " + string.Join("; ", rows));
        await cluster.StopAllSilosAsync();

        await cluster.StartSilosAsync(2);
        var before = rows.Where(t => t.State == TrialState.Completed).ToList();
        var afterStop = await cluster.Sweep(id).GetTrials();
        foreach (var done in before)
        {
            Assert.Equal(Row(done), Row(afterStop.Single(t => t.Number == done.Number)));
        }

        await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
        await SweepChecks.EveryTrialCompletedOnce(cluster, id, trials, epochs);
        var final = await cluster.Sweep(id).GetTrials();
        foreach (var done in before)
        {
            var now = final.Single(t => t.Number == done.Number);
            Assert.Equal((done.BestValue, done.EpochsRun, done.Attempts), (now.BestValue, now.EpochsRun, now.Attempts));
        }
    }

    private static (int, TrialState, int, double?, int?, int, string?, string) Row(TrialSummary t) =>
        (t.Number, t.State, t.EpochsRun, t.BestValue, t.BestEpoch, t.Attempts, t.Silo, string.Join(",", t.Parameters.Select(p => $"{p.Key}={p.Value}")));

    [Fact]
    public async Task Silos_ride_out_a_redis_restart_and_lose_nothing_acknowledged()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 2, slots: 2, epochMs: 200);
        const int trials = 6;
        const int epochs = 6;
        var id = await cluster.SubmitAsync(Specs.Random(trials, epochs, concurrency: 4));

        IReadOnlyList<TrialSummary> rows = [];
        await Poll.Until(
            async () => (rows = await cluster.Sweep(id).GetTrials()).Sum(t => t.EpochsRun) >= 4,
            TimeSpan.FromSeconds(60),
            () => "no progress before the Redis restart: " + string.Join("; ", rows));
        var acknowledged = rows.ToDictionary(t => t.Number, t => t.EpochsRun);
        await cluster.Redis.RestartAsync();

        await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
        await SweepChecks.EveryTrialCompletedOnce(cluster, id, trials, epochs);
        Assert.All(cluster.Silos, s => Assert.False(s.Process.HasExited, $"{s.Process.Name} died:\n{s.Process.Output}"));
        var final = await cluster.Sweep(id).GetTrials();
        foreach (var (number, epochsRun) in acknowledged)
        {
            Assert.True(final.Single(t => t.Number == number).EpochsRun >= epochsRun);
        }
    }
}
