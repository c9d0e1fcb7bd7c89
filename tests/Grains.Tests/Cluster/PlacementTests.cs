using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Trials spread over silos with free training slots; no silo exceeds its slots.</summary>
public sealed class PlacementTests
{
    [Fact]
    public async Task Three_silos_share_the_trials_and_none_runs_more_than_its_slots()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 3, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(TestSpec.Of(
            new() { ["synthetic_floor"] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2] },
            maxEpochs: 3, concurrency: 6, fixedParameters: new() { ["synthetic_epoch_ms"] = 40L }));
        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal(12, status.Completed);
        Assert.Equal(3, trials.Select(t => t.Silo).Distinct().Count());
        Assert.All(cluster.Slots(), slots => Assert.InRange(slots.PeakInUse, 1, 2));
    }

    [Fact]
    public async Task Concurrency_beyond_the_clusters_slots_waits_for_free_slots()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 2, slotsPerSilo: 1);
        var id = await cluster.SubmitAsync(TestSpec.Of(
            new() { ["synthetic_floor"] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] },
            maxEpochs: 2, concurrency: 4, fixedParameters: new() { ["synthetic_epoch_ms"] = 30L }));
        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal(6, status.Completed);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.All(cluster.Slots(), slots => Assert.Equal(1, slots.PeakInUse));
        Assert.Equal(2, trials.Select(t => t.Silo).Distinct().Count());
    }
}
