using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>
/// A silo that stops (SIGTERM in a real process, a batch system's preemption) drains first: its running trials
/// checkpoint at their next batch boundary and hand themselves back, and another silo resumes them from that batch —
/// nothing but the batch in progress is redone, nothing is counted twice, and the results equal an undisturbed run's.
/// </summary>
public sealed class PreemptionTests
{
    private const int Batches = 10;
    private const int HeldAfterBatch = 4;
    private const int Epochs = 3;

    [Fact]
    public async Task A_stopping_silos_trials_resume_elsewhere_from_the_batch_they_reached()
    {
        // Every attempt runs epoch 1 and batches 1-4 of epoch 2, then waits before batch 5: the stop finds each trial
        // mid-epoch with four batches of epoch 2 done, however fast the machine.
        using var gate = new EpochGate();
        gate.Allow(1);
        gate.AllowBatches(2, HeldAfterBatch);
        await using var cluster = await SweepCluster.StartAsync(silos: 2, slotsPerSilo: 3, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        var spec = TestSpec.Of(new() { ["synthetic_floor"] = [0.1, 0.2, 0.3, 0.4] }, maxEpochs: Epochs, concurrency: 4,
            fixedParameters: new() { ["synthetic_batches"] = Batches });
        var id = await cluster.SubmitAsync(spec);
        await Poll.Until(() => gate.Arrived(2, HeldAfterBatch + 1) == 4, TimeSpan.FromSeconds(60), () => $"{gate.Arrived(2, HeldAfterBatch + 1)} of 4 trials held in epoch 2");

        var victim = cluster.Cluster.Silos.First(s => s.SiloAddress != cluster.Cluster.Silos[0].SiloAddress);
        var victimName = victim.SiloAddress.ToParsableString();
        var preempted = (await cluster.Sweep(id).GetTrials()).Where(t => t.Silo == victimName).Select(t => t.Number).ToList();
        Assert.NotEmpty(preempted);
        await cluster.Cluster.StopSiloAsync(victim);
        gate.Open();

        var status = await cluster.WaitFinishedAsync(id);
        Assert.Equal((SweepState.Completed, 4), (status.State, status.Completed));
        foreach (var number in Enumerable.Range(0, 4))
        {
            var detail = (await cluster.Sweep(id).GetTrial(number))!;
            Assert.Equal(Enumerable.Range(1, Epochs), detail.Epochs.Select(e => e.Epoch)); // every epoch once, in order
            var history = await cluster.Grains.GetGrain<ITrialGrain>(TrialKey.Format(id, number)).GetHistory();
            Assert.Equal(Enumerable.Range(1, Epochs), history.Select(e => e.Epoch));
        }

        foreach (var number in preempted)
        {
            var attempts = (await cluster.Sweep(id).GetTrial(number))!.Attempts;
            var last = attempts[^1];
            Assert.NotEqual(victimName, last.Silo);
            // The preempted attempt checkpointed after batch 4 of epoch 2 and the next one started from there.
            Assert.True((last.ResumedFromEpoch, last.ResumedFromBatch) == (1, HeldAfterBatch), $"trial {number}: {string.Join(", ", attempts)}");
        }

        var undisturbed = await cluster.SubmitAsync(spec);
        await cluster.WaitFinishedAsync(undisturbed);
        Assert.Equal(await Leaderboard(cluster, undisturbed), await Leaderboard(cluster, id));
    }

    private static async Task<IReadOnlyList<(int, double?)>> Leaderboard(SweepCluster cluster, string id) =>
        (await cluster.Sweep(id).GetLeaderboard(4)).Select(t => (t.Number, t.BestValue)).ToList();
}
