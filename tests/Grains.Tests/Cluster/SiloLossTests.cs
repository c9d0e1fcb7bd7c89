using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>A silo stopped mid-sweep: its trials resume on another silo from their checkpoints, nothing counted twice.</summary>
public sealed class SiloLossTests
{
    [Fact]
    public async Task Trials_of_a_stopped_silo_resume_elsewhere_from_their_checkpoints()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 2, slotsPerSilo: 2);
        const int epochs = 6;
        var id = await cluster.SubmitAsync(TestSpec.Of(
            new() { ["synthetic_floor"] = [0.1, 0.2, 0.3, 0.4] },
            maxEpochs: epochs, concurrency: 4, fixedParameters: new() { ["synthetic_epoch_ms"] = 150L }));
        var victim = cluster.Cluster.Silos[1];
        var victimName = victim.SiloAddress.ToParsableString();

        IReadOnlyList<TrialSummary> trials = [];
        await Poll.Until(
            async () => (trials = await cluster.Sweep(id).GetTrials()).Any(t => t.Silo == victimName && t.State == TrialState.Running && t.EpochsRun >= 2),
            TimeSpan.FromSeconds(40),
            () => "no trial reached epoch 2 on the second silo");
        var interrupted = trials.Where(t => t.Silo == victimName && t.State == TrialState.Running).Select(t => t.Number).ToList();
        await cluster.Cluster.StopSiloAsync(victim);

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

        var resumed = 0;
        foreach (var number in interrupted)
        {
            var detail = (await cluster.Sweep(id).GetTrial(number))!;
            if (detail.Summary.Attempts >= 2)
            {
                resumed++;
                var last = detail.Attempts[^1];
                Assert.NotEqual(victimName, last.Silo);
                Assert.True(last.ResumedFromEpoch >= 1, $"trial {number} restarted from scratch: {string.Join(", ", detail.Attempts)}");
            }
        }

        // A trial can finish its last epoch while the silo is stopping; at least one must have been resumed.
        Assert.True(resumed >= 1, $"none of the interrupted trials {string.Join(", ", interrupted)} was resumed");
    }
}
