using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Trials spread over silos with free training slots; no silo exceeds its slots.</summary>
public sealed class PlacementTests
{
    [Fact]
    public async Task Three_silos_share_the_trials_and_none_runs_more_than_its_slots()
    {
        // The gate holds the first trials until all six slots are taken: placement, not the machine's speed, decides
        // where they run (fast trials could otherwise all end on the first silo to answer).
        using var gate = new EpochGate();
        await using var cluster = await SweepCluster.StartAsync(silos: 3, slotsPerSilo: 2, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        var id = await cluster.SubmitAsync(TestSpec.Of(
            new() { ["synthetic_floor"] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2] }, maxEpochs: 3, concurrency: 6));
        await Poll.Until(() => cluster.Slots().Sum(s => s.InUse) == 6, TimeSpan.FromSeconds(30), () => "six trials did not take the six slots");
        gate.Open();
        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal(12, status.Completed);
        Assert.Equal(3, trials.Select(t => t.Silo).Distinct().Count());
        Assert.All(cluster.Slots(), slots => Assert.InRange(slots.PeakInUse, 1, 2));
    }

    [Fact]
    public async Task Concurrency_beyond_the_clusters_slots_waits_for_free_slots()
    {
        // Held at the gate, the first trials take both slots and the others have to wait for them.
        using var gate = new EpochGate();
        await using var cluster = await SweepCluster.StartAsync(silos: 2, slotsPerSilo: 1, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] }, maxEpochs: 2, concurrency: 4));
        await Poll.Until(() => cluster.Slots().Sum(s => s.InUse) == 2, TimeSpan.FromSeconds(30), () => "two trials did not take the two slots");
        gate.Open();
        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal(6, status.Completed);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.All(cluster.Slots(), slots => Assert.Equal(1, slots.PeakInUse));
        Assert.Equal(2, trials.Select(t => t.Silo).Distinct().Count());
    }
}
