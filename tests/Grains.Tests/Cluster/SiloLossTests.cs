using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>A silo stopped mid-sweep: its trials resume on another silo from their checkpoints, nothing counted twice.</summary>
public sealed class SiloLossTests
{
    [Fact]
    public async Task Trials_of_a_stopped_silo_resume_elsewhere_from_their_checkpoints()
    {
        // Four trials on four slots (two on each silo) run two epochs and wait at the gate: the stop finds the second
        // silo's two trials training with a checkpoint at epoch 2.
        using var gate = new EpochGate();
        gate.AllowThrough(2);
        await using var cluster = await SweepCluster.StartAsync(silos: 2, slotsPerSilo: 2, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        const int epochs = 6;
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.1, 0.2, 0.3, 0.4] }, maxEpochs: epochs, concurrency: 4));
        var victim = cluster.Cluster.Silos[1];
        var victimName = victim.SiloAddress.ToParsableString();

        IReadOnlyList<TrialSummary> trials = [];
        await Poll.Until(
            async () => (trials = await cluster.Sweep(id).GetTrials()).Count(t => t.State == TrialState.Running && t.EpochsRun == 2) == 4,
            TimeSpan.FromSeconds(40),
            () => "the trials did not all reach the gate after epoch 2: " + string.Join("; ", trials));
        var interrupted = trials.Where(t => t.Silo == victimName).Select(t => t.Number).ToList();
        Assert.Equal(2, interrupted.Count);
        await cluster.Cluster.StopSiloAsync(victim);
        gate.Open();

        var status = await cluster.WaitFinishedAsync(id);
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(4, status.Completed);
        foreach (var number in Enumerable.Range(0, 4))
        {
            var detail = (await cluster.Sweep(id).GetTrial(number))!;
            Assert.Equal(epochs, detail.Summary.EpochsRun); // the coordinator counted each epoch once
            Assert.Equal(Enumerable.Range(1, epochs), detail.Epochs.Select(e => e.Epoch)); // every epoch once, in order
            var history = await cluster.Grains.GetGrain<ITrialGrain>(TrialKey.Format(id, number)).GetHistory();
            Assert.Equal(Enumerable.Range(1, epochs), history.Select(e => e.Epoch));
        }

        // Held at the gate, no interrupted trial could finish on the stopping silo: each one resumed elsewhere.
        foreach (var number in interrupted)
        {
            var detail = (await cluster.Sweep(id).GetTrial(number))!;
            Assert.True(detail.Summary.Attempts >= 2, $"trial {number} was not re-attempted: {string.Join(", ", detail.Attempts)}");
            var last = detail.Attempts[^1];
            Assert.NotEqual(victimName, last.Silo);
            Assert.True(last.ResumedFromEpoch >= 1, $"trial {number} restarted from scratch: {string.Join(", ", detail.Attempts)}");
        }
    }
}
