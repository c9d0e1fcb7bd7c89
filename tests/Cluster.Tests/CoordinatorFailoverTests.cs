using HyperSweep.Contracts;

namespace HyperSweep.Cluster.Tests;

/// <summary>
/// kill -9 of the silo hosting a sweep's coordinator while trials end every few milliseconds. The coordinator answers
/// outcomes before it persists them (one write covers every outcome that arrived together), so the kill loses
/// outcomes it had acknowledged but not yet written; the re-activated coordinator must recover each from its trial
/// grain (the liveness probe, or a re-sent start answered with the stored end) and count nothing twice.
/// </summary>
public sealed class CoordinatorFailoverTests
{
    [Fact]
    public async Task Killing_the_coordinators_silo_loses_no_trial_and_counts_none_twice()
    {
        const int trials = 150;
        const int epochs = 3;
        const int startedBeforeKill = 40;
        // Only the first 40 trials may start before the kill (their later epochs pass freely): outcomes are still
        // arriving when it comes, and the sweep cannot have finished before it, however fast the machine.
        using var gate = new EpochGate();
        gate.AllowStarts(startedBeforeKill, lastEpoch: epochs);

        await using var cluster = await LocalCluster.StartAsync(silos: 3, slots: 4, epochMs: 40, gate: gate);
        var spec = SweepSpecs.Random(trials, epochs, concurrency: 8);
        var id = await cluster.SubmitAsync(spec);

        SweepStatus? status = null;
        await cluster.Until(
            async () => (status = await cluster.Sweep(id).GetStatus()) is { Completed: >= 10 },
            TimeSpan.FromSeconds(60),
            () => $"fewer than 10 trials completed: {status}");
        var coordinator = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(cluster.Sweep(id));
        var victim = cluster.Silos.Single(s => s.Is(coordinator?.ToParsableString()));
        await victim.Process.KillAsync();
        gate.Open();

        await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(180));
        await SweepChecks.EveryTrialCompletedOnce(cluster, id, trials, epochs);

        await SweepChecks.SameLeaderboardAsUndisturbedRun(cluster, id, spec, trials, TimeSpan.FromSeconds(180));
    }
}
