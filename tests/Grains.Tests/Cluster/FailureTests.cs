using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Trials that throw or diverge end as failed with the reason; the sweep goes on.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task Throwing_and_diverging_trials_fail_with_their_reason_and_the_rest_complete()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(TestSpec.Of(
            new() { ["synthetic_fail_at"] = [2L, 100L], ["synthetic_diverge_at"] = [3L, 100L] }, maxEpochs: 4));
        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        TrialSummary Trial(long failAt, long divergeAt) =>
            trials.Single(t => (long)t.Parameters["synthetic_fail_at"] == failAt && (long)t.Parameters["synthetic_diverge_at"] == divergeAt);

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(TrialState.Failed, Trial(2, 3).State);
        Assert.Contains("synthetic failure at epoch 2", Trial(2, 3).Reason);
        Assert.Equal(1, Trial(2, 3).EpochsRun);
        Assert.Equal(TrialState.Failed, Trial(100, 3).State);
        Assert.Equal("diverged at epoch 3", Trial(100, 3).Reason);
        Assert.Equal(2, Trial(100, 3).EpochsRun);
        Assert.Equal(TrialState.Completed, Trial(100, 100).State);
        Assert.Equal(4, Trial(100, 100).EpochsRun);
        Assert.Equal(3, status.Failed);
        Assert.Equal(Trial(100, 100).Number, status.Best!.Number);
    }

    [Fact]
    public async Task A_sweep_whose_every_trial_fails_ends_failed()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_fail_at"] = [1L, 2L] }, maxEpochs: 3));
        var status = await cluster.WaitFinishedAsync(id);

        Assert.Equal(SweepState.Failed, status.State);
        Assert.Equal("every trial failed", status.Reason);
        Assert.Equal(2, status.Failed);
    }
}
