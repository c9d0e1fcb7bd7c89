using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>
/// A training thread that stops making progress on a live silo (it ignores cancellation, as a stuck native call does)
/// is abandoned by the watchdog: the attempt is retried from the trial's checkpoint up to the retry limit, then the
/// trial fails with the reason, and its slot is free for the next trial.
/// </summary>
public sealed class HungTrialTests
{
    [Fact]
    public async Task A_hung_trial_is_retried_from_its_checkpoint_then_fails_and_frees_its_slot()
    {
        using var gate = new EpochGate();
        gate.Open();
        try
        {
            // One slot: the second trial can only run once the hung one has let its slot go.
            await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 1, workload: _ => new SyntheticTrialWorkload(gate.Folder),
                training: t =>
                {
                    t.HungTrialTimeout = TimeSpan.FromSeconds(2);
                    t.HungTrialRetries = 2;
                });
            // Trial 0 hangs at the start of epoch 2 in every attempt; trial 1 never reaches epoch 100.
            var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_hang_at"] = [2, 100] }, maxEpochs: 3, concurrency: 1));

            var status = await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));

            Assert.Equal(SweepState.Completed, status.State);
            var hung = (await cluster.Sweep(id).GetTrial(0))!;
            Assert.Equal(TrialState.Failed, hung.Summary.State);
            Assert.Contains("no training progress", hung.Summary.Reason, StringComparison.Ordinal);
            Assert.Contains("3 attempts hung (2 retries allowed)", hung.Summary.Reason, StringComparison.Ordinal);
            Assert.Equal(3, hung.Attempts.Count);
            Assert.All(hung.Attempts.Skip(1), a => Assert.Equal(1, a.ResumedFromEpoch)); // retried from the checkpoint after epoch 1
            Assert.Equal([1], hung.Epochs.Select(e => e.Epoch));
            var healthy = (await cluster.Sweep(id).GetTrial(1))!;
            Assert.Equal((TrialState.Completed, 3), (healthy.Summary.State, healthy.Summary.EpochsRun));
            Assert.All(cluster.Slots(), s => Assert.Equal(0, s.InUse));
        }
        finally
        {
            gate.ReleaseHung(); // the abandoned threads end with the test
        }
    }
}
