using HyperSweep.Contracts;
using HyperSweep.Search;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>
/// Schedulers through the coordinator on two silos (synthetic workload): every epoch once, pauses hold no slot, promotions
/// resume from their rung. The ASHA sweep runs one trial at a time so the order of reports — and with it which trials
/// pause and which are promoted in place — is the same on any machine (with several at once, whether any trial waits
/// paused before its promotion depends on which report arrives first).
/// </summary>
public sealed class SchedulerSweepTests
{
    private const string Asha = """
        name: asha-synthetic
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, trials: 12, seed: 4}
        budget: {max_epochs: 9}
        concurrency: 1
        parameters:
          synthetic_floor: {min: 0.1, max: 1.5}
        scheduler: {name: asha, min_resource: 1, reduction_factor: 3}
        """;

    private const string Pbt = """
        name: pbt-synthetic
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, seed: 4}
        budget: {max_epochs: 6}
        concurrency: 4
        parameters:
          synthetic_floor: {min: 0.1, max: 1.5}
        scheduler: {name: pbt, population: 4, interval: 2, quantile: 0.25, perturb: {synthetic_floor: [0.8, 1.2]}}
        """;

    [Fact]
    public async Task An_asha_sweep_promotes_paused_trials_from_their_rungs_and_counts_every_epoch_once()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 2, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(Asha);
        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal((0, 0, 12), (status.Paused, status.Running, status.Completed + status.Pruned));
        Assert.Equal("ASHA", status.Scheduler!.Name);
        Assert.Equal([1, 3], status.Scheduler.Rungs.Select(r => r.Step));
        Assert.Equal(12, status.Scheduler.Rungs[0].Recorded);
        Assert.Contains(trials, t => t.State == TrialState.Completed && t.EpochsRun == 9);
        Assert.True(trials.Sum(t => t.EpochsRun) < 12 * 9);
        foreach (var trial in trials)
        {
            var detail = (await cluster.Sweep(id).GetTrial(trial.Number))!;
            var history = await cluster.Grains.GetGrain<ITrialGrain>(TrialKey.Format(id, trial.Number)).GetHistory();
            Assert.Equal(Enumerable.Range(1, trial.EpochsRun), history.Select(e => e.Epoch));
            Assert.Equal(Enumerable.Range(1, trial.EpochsRun), detail.Epochs.Select(e => e.Epoch));
            // Every attempt after the first resumed from a rung's checkpoint (nothing was lost, so nothing else resumed).
            Assert.All(detail.Attempts.Skip(1), a => Assert.Contains(a.ResumedFromEpoch, new[] { 1, 3 }));
            Assert.True(detail.Attempts.Count - 1 <= trial.Promotions, $"trial {trial.Number}: {detail.Attempts.Count} attempts, {trial.Promotions} promotions");
            if (trial.State == TrialState.Pruned)
            {
                Assert.StartsWith("not promoted from rung", trial.Reason);
            }
        }

        Assert.Contains(trials, t => t.Promotions > 0 && t.Attempts > 1);
    }

    [Fact]
    public async Task A_pbt_sweep_runs_its_generations_in_step_and_records_each_exploitation()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 2, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(Pbt);
        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal((SweepState.Completed, 4, 4), (status.State, status.PlannedTrials, status.Completed));
        Assert.Equal(("PBT", 2), (status.Scheduler!.Name, status.Scheduler.Exploitations)); // one per generation boundary (epochs 2 and 4)
        var lineage = trials.SelectMany(t => (t.Lineage ?? []).Select(l => (t.Number, l))).ToList();
        Assert.Equal([2, 4], lineage.Select(l => l.l.Epoch).Order());
        Assert.All(lineage, l => Assert.True(l.l.Adopted));
        Assert.All(lineage, l => Assert.NotEqual(l.Number, l.l.Donor));
        foreach (var trial in trials)
        {
            var detail = (await cluster.Sweep(id).GetTrial(trial.Number))!;
            Assert.Equal(Enumerable.Range(1, 6), detail.Epochs.Select(e => e.Epoch));
            Assert.Equal([0, 2, 4], detail.Attempts.Select(a => a.ResumedFromEpoch)); // paused at every boundary, resumed after it
        }
    }
}
