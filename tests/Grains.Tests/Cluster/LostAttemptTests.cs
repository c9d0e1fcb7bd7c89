using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;
using Orleans.Core.Internal;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>
/// A trial grain deactivated by the runtime while its silo stays alive (as happens when a dead silo's directory
/// partition is rebuilt): the interrupted attempt sends no outcome, and membership sees no dead silo, so only the
/// coordinator's probe of running attempts can notice. The trial must resume from its checkpoint and complete.
/// </summary>
public sealed class LostAttemptTests
{
    [Fact]
    public async Task A_trial_whose_activation_is_deactivated_mid_training_resumes_from_its_checkpoint()
    {
        // Trials run two epochs and wait at the gate: the deactivation finds trial 0 training with a checkpoint at epoch 2.
        using var gate = new EpochGate();
        gate.AllowThrough(2);
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        const int epochs = 6;
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.1, 0.2] }, maxEpochs: epochs, concurrency: 2));

        TrialSummary? victim = null;
        await Poll.Until(
            async () => (victim = (await cluster.Sweep(id).GetTrials()).FirstOrDefault(t => t.Number == 0)) is { State: TrialState.Running, EpochsRun: 2 },
            TimeSpan.FromSeconds(40),
            () => $"trial 0 did not reach the gate after epoch 2: {victim}");
        await cluster.Grains.GetGrain<ITrialGrain>(TrialKey.Format(id, 0)).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        gate.Open();

        var status = await cluster.WaitFinishedAsync(id);
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(2, status.Completed);
        var detail = (await cluster.Sweep(id).GetTrial(0))!;
        Assert.True(detail.Attempts.Count >= 2, $"trial 0 was not re-attempted: {string.Join(", ", detail.Attempts)}");
        Assert.True(detail.Attempts[^1].ResumedFromEpoch >= 2, $"trial 0 did not resume from its checkpoint: {string.Join(", ", detail.Attempts)}");
        Assert.Equal(Enumerable.Range(1, epochs), detail.Epochs.Select(e => e.Epoch)); // every epoch counted once
    }
}
