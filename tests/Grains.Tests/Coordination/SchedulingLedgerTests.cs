using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Grains.Coordination;
using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Storage;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace HyperSweep.Grains.Tests.Coordination;

/// <summary>
/// The coordinator under a scheduler that pauses and resumes, without Orleans: a paused trial leaves training and frees
/// its slot, promotions come before new trials, stranded trials end as pruned, a PBT generation adopts before it
/// resumes, and all of it survives a write to the journal and a re-activation.
/// </summary>
public sealed class SchedulingLedgerTests : IDisposable
{
    // Four configurations, one at a time: rungs at epochs 1 and 2 (η 2), trials complete at epoch 4.
    private const string Asha = """
        name: asha
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: grid, seed: 3}
        concurrency: 1
        budget: {max_epochs: 4}
        parameters:
          synthetic_floor: {values: [0.5, 0.9, 0.3, 0.8]}
        scheduler: {name: asha, min_resource: 1, reduction_factor: 2}
        """;

    private const string Pbt = """
        name: pbt
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, seed: 3}
        concurrency: 2
        budget: {max_epochs: 3}
        parameters:
          synthetic_floor: {min: 0.1, max: 1.0}
        scheduler: {name: pbt, population: 2, interval: 1, quantile: 0.5, resample_probability: 0.0, perturb: {synthetic_floor: [0.5, 2.0]}}
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hs-ledger-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private static SweepPlan Plan(string spec) =>
        new SweepPlanner(new WorkloadSchemaSource(new SyntheticTrialWorkload())).Plan(spec, "spec.yaml", ".", checkData: false);

    [Fact]
    public void A_trial_pauses_at_a_rung_freeing_its_slot_and_is_promoted_before_a_new_trial_starts()
    {
        var ledger = SweepLedger.Start("sw-a", Plan(Asha), new SweepGrainState());
        Start(ledger, 0, "s1");
        var (verdict, left) = ledger.Judge(Report(0, 1, 1, 0.5));
        Assert.Equal((VerdictKind.Pause, TrialState.Paused), (verdict.Kind, left));
        Assert.StartsWith("paused after epoch 1: paused until it ranks high enough", verdict.Reason);
        Assert.Equal(VerdictKind.Pause, ledger.Judge(Report(0, 1, 1, 0.5)).Verdict.Kind); // a repeat gets the same answer
        Assert.Equal(TrialState.Paused, ledger.Table[0].State);
        Assert.Equal(1, ledger.Table.LoadBySilo()["s1"]);                               // until its attempt lets go
        Assert.Equal((true, false), ledger.RecordOutcome(new TrialOutcome(0, 1, TrialState.Paused, 1, verdict.Reason)));
        Assert.Empty(ledger.Table.LoadBySilo());
        Assert.False(ledger.Exhausted);

        Start(ledger, 1, "s1");                                                               // nothing to promote yet: a new trial
        Assert.Equal(VerdictKind.Pause, ledger.Judge(Report(1, 1, 1, 0.9)).Verdict.Kind);
        ledger.RecordOutcome(new TrialOutcome(1, 1, TrialState.Paused, 1, null));

        Assert.True(ledger.CreateTrials());                                                   // trial 0 is promoted, no trial 2 yet
        Assert.Equal([0], ledger.Table.Pending);
        Assert.Equal(2, ledger.Table.Count);
        var promoted = ledger.Table[0];
        Assert.Equal((2, 1, 0), (promoted.Attempt, promoted.Promotions, promoted.Rung));
        Assert.StartsWith("promoted from rung 0 (step 1) with 0.5", promoted.Reason);
        ledger.Started(0, "s1", resumedFromEpoch: 1);
        Assert.Equal(new TrialAttempt(2, "s1", 1), promoted.Attempts[^1]);
        Assert.Equal(VerdictKind.Continue, ledger.Judge(Report(0, 2, 1, 0.5)).Verdict.Kind); // the new attempt re-sends its history
        Assert.Equal(VerdictKind.Stale, ledger.Judge(Report(0, 1, 2, 0.45)).Verdict.Kind);   // the paused attempt is over
    }

    [Fact]
    public void When_nothing_can_run_or_be_promoted_the_paused_trials_end_as_pruned()
    {
        var ledger = SweepLedger.Start("sw-a", Plan(Asha), new SweepGrainState());
        // Losses per epoch: trial 0 = 0.5, trial 1 = 0.9, trial 2 = 0.3 (promoted past both rungs), trial 3 = 0.8.
        double[] loss = [0.5, 0.9, 0.3, 0.8];
        for (var round = 0; round < 20 && !ledger.Exhausted; round++)
        {
            ledger.CreateTrials();
            foreach (var trial in ledger.Table.Pending.ToList())
            {
                var record = ledger.Table[trial];
                ledger.Started(trial, "s1", record.LastEpoch);
                Train(ledger, trial, record.Attempt, record.LastEpoch + 1, loss[trial]);
            }
        }

        Assert.True(ledger.Exhausted);
        var rows = ledger.Table.Records;
        Assert.Equal(TrialState.Completed, rows[2].State);
        Assert.Equal(4, rows[2].LastEpoch);
        Assert.All(rows.Where(r => r.Number != 2), r => Assert.Equal(TrialState.Pruned, r.State));
        Assert.StartsWith("not promoted from rung 1: value 0.5 ranks 2 of 2", rows[0].Reason);
        Assert.StartsWith("not promoted from rung 0: value 0.9", rows[1].Reason);
        Assert.Equal(4 + 2 + 1 + 1, rows.Sum(r => r.LastEpoch));               // instead of 16 without pruning
        Assert.Equal((SweepState.Completed, null), ledger.Outcome());
    }

    [Fact]
    public async Task A_PBT_generation_adopts_before_it_resumes_and_a_reactivated_ledger_takes_it_from_the_journal()
    {
        var store = await NewStoreAsync();
        var ledger = SweepLedger.Start("sw-p", Plan(Pbt), store.State);
        Start(ledger, 0, "s1");
        Start(ledger, 1, "s1");
        Assert.Equal(VerdictKind.Pause, ledger.Judge(Report(0, 1, 1, 0.3)).Verdict.Kind);
        Assert.Equal(VerdictKind.Pause, ledger.Judge(Report(1, 1, 1, 0.9)).Verdict.Kind);
        ledger.RecordOutcome(new TrialOutcome(0, 1, TrialState.Paused, 1, null));
        ledger.RecordOutcome(new TrialOutcome(1, 1, TrialState.Paused, 1, null));

        Assert.True(ledger.CreateTrials());                  // the exploitation is applied, the generation waits for the adoption
        var (trial, entry) = Assert.Single(ledger.PendingAdoptions);
        Assert.Equal((1, 0, 1), (trial, entry.Donor, entry.Epoch));
        Assert.Equal([0, 1], ledger.Table.Paused);
        var explored = (double)ledger.Table[1].Parameters!["synthetic_floor"];
        var donorFloor = (double)ledger.Table[0].Parameters!["synthetic_floor"];
        Assert.Contains(explored, new[] { Math.Clamp(donorFloor * 0.5, 0.1, 1.0), Math.Clamp(donorFloor * 2.0, 0.1, 1.0) });
        Assert.Equal(entry.After, ledger.Table[1].Parameters);
        await store.WriteStateAsync();

        // A coordinator re-activated here (before the adoption) finds the exploitation and asks for the adoption again.
        var reloaded = await NewStoreAsync();
        var resumed = SweepLedger.Resume("sw-p", Plan(Pbt), reloaded.State);
        Assert.Equal(explored, (double)resumed.Table[1].Parameters!["synthetic_floor"]);
        Assert.True(resumed.CreateTrials());
        Assert.Equal([1], resumed.PendingAdoptions.Select(p => p.Trial));
        Assert.Empty(resumed.Table.Pending);
        resumed.Adopted(1);
        Assert.True(resumed.CreateTrials());
        Assert.Equal([0, 1], resumed.Table.Pending);
        Assert.Equal((2, 2), (resumed.Table[0].Attempt, resumed.Table[1].Attempt));
        Assert.True(resumed.Table[1].Lineage.Single().Adopted);
        Assert.Equal(0, resumed.Table[1].Promotions);       // a generation is not a promotion
        await reloaded.WriteStateAsync();

        var last = await NewStoreAsync();
        var again = SweepLedger.Resume("sw-p", Plan(Pbt), last.State);
        Assert.Equal([0, 1], again.Table.Pending);
        Assert.True(again.Table[1].Lineage.Single().Adopted);
        Assert.Equal(
            [JournalEntryKind.Exploited, JournalEntryKind.Resumed, JournalEntryKind.Resumed],
            last.State.SearchLog.Select(e => e.Kind).Where(k => k is JournalEntryKind.Exploited or JournalEntryKind.Resumed));
        Assert.False(again.CreateTrials());                   // nothing more: the members wait to start
    }

    private async Task<SweepStore> NewStoreAsync()
    {
        var storage = new SqliteGrainStorage(Path.Combine(_directory, "state.db"), _services.GetRequiredService<Serializer>());
        var store = new SweepStore(storage, Options.Create(new SweepServiceOptions { JournalSegmentEntries = 4 }));
        await store.LoadAsync(GrainId.Create("sweep", "sw-p"));
        store.State.State = SweepState.Running;
        return store;
    }

    private static void Start(SweepLedger ledger, int trial, string silo)
    {
        ledger.CreateTrials();
        Assert.Contains(trial, ledger.Table.Pending);
        ledger.Started(trial, silo, 0);
    }

    /// <summary>Reports epochs from <paramref name="from"/> until the ledger stops the attempt, then reports its outcome.</summary>
    private static void Train(SweepLedger ledger, int trial, int attempt, int from, double loss)
    {
        for (var epoch = from; epoch <= 4; epoch++)
        {
            var (verdict, _) = ledger.Judge(Report(trial, attempt, epoch, loss));
            if (verdict.ShouldStop)
            {
                var state = verdict.Kind == VerdictKind.Pause ? TrialState.Paused : TrialState.Pruned;
                ledger.RecordOutcome(new TrialOutcome(trial, attempt, state, epoch, verdict.Reason));
                return;
            }
        }

        ledger.RecordOutcome(new TrialOutcome(trial, attempt, TrialState.Completed, 4, null));
    }

    private static EpochReport Report(int trial, int attempt, int epoch, double loss) =>
        new(trial, attempt, new EpochMetrics(epoch, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("val_loss", loss)])));

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
