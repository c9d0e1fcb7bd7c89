using HyperSweep.Contracts;
using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Workloads;
using HyperSweep.Grains.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace HyperSweep.Grains.Tests.Journal;

/// <summary>A coordinator deactivated again and again mid-sweep rebuilds itself from its journal segments.</summary>
public sealed class CoordinatorRestartTests
{
    [Fact]
    public async Task A_sweep_whose_coordinator_is_deactivated_repeatedly_accounts_for_every_trial_and_report_once()
    {
        // Segments of 6 entries: the sweep spans dozens of them, so every re-activation replays many segments.
        // The trials advance only by the epochs this test hands out through the gate, three at a time, and the
        // coordinator is deactivated as each handful is released: many restarts, each with reports on their way,
        // however fast the machine.
        using var gate = new EpochGate();
        await using var cluster = await SweepCluster.StartAsync(
            silos: 1, slotsPerSilo: 3, workload: _ => new SyntheticTrialWorkload(gate.Folder), journalSegmentEntries: 6);
        var floors = Enumerable.Range(0, 12).Select(i => (object)(0.1 + (0.07 * i))).ToArray();
        var id = await cluster.SubmitAsync(TestSpec.Of(
            new() { ["synthetic_floor"] = floors }, maxEpochs: 4, concurrency: 3,
            pruner: "median", prunerSettings: new() { ["n_startup_trials"] = 2L }));
        var sweep = cluster.Sweep(id);

        const int epochsPerStep = 3;
        var granted = 0;
        var deactivations = 0;
        SweepStatus? status;
        while (!(status = await sweep.GetStatus())!.IsFinal)
        {
            gate.AllowAny(epochsPerStep);
            granted += epochsPerStep;
            await sweep.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            deactivations++;
            // Every running trial waits for a pass, so the epochs released are all taken and reported, unless the
            // sweep needed fewer to end.
            var reported = 0;
            await Poll.Until(
                async () => (await sweep.GetStatus())!.IsFinal
                    || (gate.Taken == granted && (reported = (await sweep.GetTrials()).Sum(t => t.EpochsRun)) >= granted),
                TimeSpan.FromSeconds(30),
                () => $"{gate.Taken} of {granted} epochs taken, {reported} reported");
        }

        Assert.True(deactivations >= 4, $"the sweep finished after {deactivations} restart(s); the test needs it to run through several");
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(12, status.Completed + status.Pruned);
        var trials = await sweep.GetTrials();
        Assert.Equal(Enumerable.Range(0, 12), trials.Select(t => t.Number));

        // Replay the stored journal the way a new activation does: every trial ended once, each epoch counted once.
        var store = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<SweepStore>();
        await store.LoadAsync(sweep.GetGrainId());
        Assert.True(store.SegmentCount > 5);
        foreach (var trial in trials)
        {
            var history = await cluster.Grains.GetGrain<ITrialGrain>(TrialKey.Format(id, trial.Number)).GetHistory();
            var reports = store.State.SearchLog.Where(e => e.Trial == trial.Number && e.Kind == JournalEntryKind.Report).Select(e => e.Epoch).ToList();
            Assert.Equal(Enumerable.Range(1, trial.EpochsRun), reports);
            Assert.Equal(history.Select(h => h.Epoch).Where(e => e <= trial.EpochsRun), reports);
            Assert.Single(store.State.SearchLog, e => e.Trial == trial.Number && e.Kind == JournalEntryKind.Created);
            Assert.Single(store.State.SearchLog, e => e.Trial == trial.Number && e.Kind == JournalEntryKind.Finish);
            var row = store.State.Trials[trial.Number];
            Assert.Equal((trial.State, trial.EpochsRun, trial.BestValue), (row.State, row.LastEpoch, row.BestValue));
        }
    }
}
