using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Cluster.Tests;

/// <summary>kill -9 of one silo of three mid-sweep: its trials resume elsewhere from their checkpoints.</summary>
public sealed class FailoverTests
{
    // This test used to leave trials Running forever in about one run in four: right after the kill, trial grains on a
    // surviving silo can lose their activations, which interrupts their training without an outcome. The
    // coordinator's probe of running attempts (TrialLivenessProbe) resumes them; LostAttemptTests covers it directly.
    [Fact]
    public async Task Trials_of_a_killed_silo_resume_elsewhere_with_at_most_one_epoch_redone()
    {
        // Every trial may run two epochs and then waits at the gate: the kill finds each of them mid-training with two
        // epochs reported, however fast the machine.
        using var gate = new EpochGate();
        gate.AllowThrough(2);
        await using var cluster = await LocalCluster.StartAsync(silos: 3, slots: 2, epochMs: 300, gate: gate);
        const int trials = 6;
        const int epochs = 8;
        var spec = SweepSpecs.Random(trials, epochs, concurrency: 6);
        var id = await cluster.SubmitAsync(spec);
        var victim = cluster.Silos[1];

        // Six trials, six slots: two on each silo, the victim's among them.
        IReadOnlyList<TrialSummary> rows = [];
        await cluster.Until(
            async () => (rows = await cluster.Sweep(id).GetTrials()).Count(t => t.State == TrialState.Running && t.EpochsRun == 2) == trials,
            TimeSpan.FromSeconds(60),
            () => "the trials did not all reach the gate after epoch 2: " + string.Join("; ", rows));
        // Epochs each of the victim's trials had reported at the kill (read before it: while the victim is not yet
        // declared dead, calls to grains it hosted, possibly the coordinator, are rejected).
        var reportedAtKill = rows.Where(t => victim.Is(t.Silo)).ToDictionary(t => t.Number, t => t.EpochsRun);
        Assert.NotEmpty(reportedAtKill);
        await victim.Process.KillAsync();
        gate.Open();

        await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
        var details = await SweepChecks.EveryTrialCompletedOnce(cluster, id, trials, epochs);
        foreach (var (number, reported) in reportedAtKill)
        {
            var detail = details[number];
            var last = detail.Attempts[^1];
            Assert.True(detail.Attempts.Count >= 2, $"trial {number} was not re-attempted: {string.Join(", ", detail.Attempts)}");
            Assert.False(victim.Is(last.Silo), $"trial {number} finished on the killed silo");
            // The checkpoint is written before the epoch is reported, so a resumed attempt starts at most one epoch
            // behind what the coordinator had seen, and never from scratch.
            Assert.True(last.ResumedFromEpoch >= reported - 1 && last.ResumedFromEpoch >= 1,
                $"trial {number}: {reported} epochs reported at the kill, resumed from epoch {last.ResumedFromEpoch}");
        }

        // The same spec and seed, undisturbed, on the surviving silos: the same leaderboard.
        await SweepChecks.SameLeaderboardAsUndisturbedRun(cluster, id, spec, trials, TimeSpan.FromSeconds(120));
    }
}
