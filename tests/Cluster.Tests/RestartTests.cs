using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Cluster.Tests;

/// <summary>The whole cluster stopped mid-sweep and started again; Redis restarted from its append-only file under a running sweep.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_sweep_resumes_after_every_silo_was_stopped_with_earlier_results_intact()
    {
        const int trials = 8;
        const int epochs = 4;
        const int finishedBeforeStop = 2;
        // Two trials may start (and then run to their end); every other trial waits at its first epoch. The stop finds
        // exactly two finished trials and four running ones, however fast the machine.
        using var gate = new EpochGate();
        gate.AllowStarts(finishedBeforeStop, lastEpoch: epochs);

        await using var cluster = await LocalCluster.StartAsync(silos: 2, slots: 2, epochMs: 200, gate: gate);
        var id = await cluster.SubmitAsync(SweepSpecs.Random(trials, epochs, concurrency: 4));

        IReadOnlyList<TrialSummary> rows = [];
        await cluster.Until(
            async () => (rows = await cluster.Sweep(id).GetTrials()).Count(t => t.State == TrialState.Completed) == finishedBeforeStop
                && rows.Count(t => t.State == TrialState.Running) == 4,
            TimeSpan.FromSeconds(60),
            () => "no point with two finished trials and four held at the gate: " + string.Join("; ", rows));
        await cluster.StopAllSilosAsync();

        gate.Open();
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
        const int trials = 6;
        const int epochs = 6;
        const int running = 4;
        // Every trial runs two epochs and waits; while Redis is down the running trials get one more epoch each, so
        // reports (and the writes they cause) certainly meet the restart.
        using var gate = new EpochGate();
        gate.AllowThrough(2);
        await using var cluster = await LocalCluster.StartAsync(silos: 2, slots: 2, epochMs: 200, gate: gate);
        var id = await cluster.SubmitAsync(SweepSpecs.Random(trials, epochs, concurrency: running));

        IReadOnlyList<TrialSummary> rows = [];
        await cluster.Until(
            async () => (rows = await cluster.Sweep(id).GetTrials()).Count(t => t.State == TrialState.Running && t.EpochsRun == 2) == running,
            TimeSpan.FromSeconds(60),
            () => "the running trials did not reach the gate after epoch 2: " + string.Join("; ", rows));
        var acknowledged = rows.ToDictionary(t => t.Number, t => t.EpochsRun);
        await cluster.Redis.RestartAsync(whileDown: async () =>
        {
            gate.AllowAny(running);
            await Poll.Until(() => gate.Taken == running, TimeSpan.FromSeconds(30), () => $"{gate.Taken} of {running} epochs taken while Redis was down");
        });
        gate.Open();

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
