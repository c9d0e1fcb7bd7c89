using HyperSweep.Search;
using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Cancel, pause/resume, idempotent reports, rejected specs, and the registry.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Cancel_stops_running_trials_and_ends_the_sweep_as_cancelled()
    {
        // The gate stays closed: both running trials wait at their first epoch until the cancel interrupts them.
        using var gate = new EpochGate();
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.1, 0.2, 0.3, 0.4] }, maxEpochs: 50));
        await Poll.Until(async () => (await cluster.Sweep(id).GetStatus())!.Running == 2, TimeSpan.FromSeconds(30), () => "trials did not start");

        var cancelled = await cluster.Sweep(id).Cancel();

        Assert.Equal(SweepState.Cancelled, cancelled!.State);
        Assert.Equal(2, cancelled.Cancelled); // the running ones; the other two were never started
        Assert.Equal(0, cancelled.Pending);
        Assert.Equal(0, cancelled.Running);
        await Poll.Until(() => Task.FromResult(cluster.Slots().Single().InUse == 0), TimeSpan.FromSeconds(30), () => "training threads still hold slots");
        var entry = (await cluster.Grains.GetGrain<ISweepRegistryGrain>(0).List()).Single(e => e.SweepId == id);
        Assert.Equal(SweepState.Cancelled, entry.State);
    }

    [Fact]
    public async Task Pause_interrupts_trials_and_resume_continues_them_from_their_checkpoints()
    {
        // Both trials run two epochs and wait at the gate: the pause finds them mid-training with a checkpoint at epoch 2.
        using var gate = new EpochGate();
        gate.AllowThrough(2);
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.1, 0.2] }, maxEpochs: 8));
        IReadOnlyList<TrialSummary> trials = [];
        await Poll.Until(
            async () => (trials = await cluster.Sweep(id).GetTrials()).Count(t => t.State == TrialState.Running && t.EpochsRun == 2) == 2,
            TimeSpan.FromSeconds(30),
            () => "trials did not reach the gate after epoch 2: " + string.Join("; ", trials));

        var paused = await cluster.Sweep(id).Pause();
        Assert.Equal(SweepState.Paused, paused!.State);
        Assert.Equal(0, paused.Running);
        await Poll.Until(() => Task.FromResult(cluster.Slots().Single().InUse == 0), TimeSpan.FromSeconds(30), () => "paused trials still train");

        gate.Open();
        await cluster.Sweep(id).Resume();
        var status = await cluster.WaitFinishedAsync(id);

        Assert.Equal(2, status.Completed);
        foreach (var trial in await cluster.Sweep(id).GetTrials())
        {
            var detail = (await cluster.Sweep(id).GetTrial(trial.Number))!;
            Assert.Equal(Enumerable.Range(1, 8), detail.Epochs.Select(e => e.Epoch));
            Assert.Equal(2, detail.Attempts[^1].ResumedFromEpoch);
        }
    }

    [Fact]
    public async Task Duplicate_and_stale_reports_change_nothing()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 1);
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.5] }, maxEpochs: 3));
        await cluster.WaitFinishedAsync(id);
        var sweep = cluster.Sweep(id);
        var before = (await sweep.GetTrial(0))!;
        var metrics = new EpochMetrics(2, ImmutableSortedDictionary<string, double>.Empty.Add("val_loss", -5.0));

        var duplicate = await sweep.ReportEpoch(new EpochReport(0, 1, metrics));
        var stale = await sweep.ReportEpoch(new EpochReport(0, 7, metrics with { Epoch = 9 }));
        await sweep.ReportOutcome(new TrialOutcome(0, 1, TrialState.Failed, 1, "late duplicate"));

        var after = (await sweep.GetTrial(0))!;
        Assert.True(duplicate.ShouldStop);
        Assert.True(stale.ShouldStop);
        Assert.Equal(before.Epochs.Select(e => e.Values["val_loss"]), after.Epochs.Select(e => e.Values["val_loss"]));
        Assert.Equal(3, after.Summary.EpochsRun);
        Assert.Equal(before.Summary.LastValue, after.Summary.LastValue);
        Assert.Equal(TrialState.Completed, after.Summary.State);
        Assert.Equal(before.Summary.BestValue, after.Summary.BestValue);
    }

    [Fact]
    public async Task A_rejected_spec_leaves_no_sweep_behind()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 1);
        var id = SweepIds.New();

        var result = await cluster.Sweep(id).Submit(new SweepSubmission("name: broken\nmodel: {batch_size: -32}\n", "broken.yaml"));

        Assert.False(result.Accepted);
        Assert.NotEmpty(result.Errors);
        Assert.Null(await cluster.Sweep(id).GetStatus());
        Assert.DoesNotContain(await cluster.Grains.GetGrain<ISweepRegistryGrain>(0).List(), e => e.SweepId == id);
    }

    [Fact]
    public async Task Registry_lists_sweeps_and_finds_them_by_name()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2);
        var spec = TestSpec.Of(new() { ["synthetic_floor"] = [0.5] }, maxEpochs: 1);
        var first = SweepIds.New();
        var second = SweepIds.New();
        Assert.True((await cluster.Sweep(first).Submit(new SweepSubmission(spec, "a.json", "alpha"))).Accepted);
        Assert.True((await cluster.Sweep(second).Submit(new SweepSubmission(spec, "b.json", "beta"))).Accepted);
        await cluster.WaitFinishedAsync(first);
        await cluster.WaitFinishedAsync(second);

        var registry = cluster.Grains.GetGrain<ISweepRegistryGrain>(0);
        Assert.Equal([first], (await registry.FindByName("alpha")).Select(e => e.SweepId));
        Assert.Equal(new[] { first, second }.Order(), (await registry.List()).Select(e => e.SweepId).Order());
        Assert.Empty(await registry.ListUnfinished());
        Assert.All(await registry.List(), e => Assert.Equal(SweepState.Completed, e.State));
    }
}
