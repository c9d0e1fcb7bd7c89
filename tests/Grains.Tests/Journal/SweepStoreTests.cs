using System.Collections.Immutable;
using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSweep.Grains.Tests.Journal;

/// <summary>The coordinator's header + journal store on the real SQLite grain storage.</summary>
public sealed class SweepStoreTests : IDisposable
{
    private const int SegmentEntries = 8;
    private static readonly GrainId Sweep = GrainId.Create("sweep", "s-1");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hs-journal-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly SqliteGrainStorage _storage;

    public SweepStoreTests()
    {
        _storage = new SqliteGrainStorage(Path.Combine(_directory, "state.db"), _services.GetRequiredService<Serializer>());
    }

    private SweepStore NewStore(IGrainStorage? storage = null) =>
        new(storage ?? _storage, Options.Create(new SweepServiceOptions { JournalSegmentEntries = SegmentEntries }));

    [Fact]
    public async Task A_sweep_written_over_many_segments_reloads_to_the_same_table_log_and_state()
    {
        var store = NewStore();
        await store.LoadAsync(Sweep);
        Assert.False(store.RecordExists);
        var s = store.State;
        s.Name = "n";
        s.SpecText = "spec";
        s.SourceName = "spec.yaml";
        s.CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        s.State = SweepState.Running;
        s.TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await store.WriteStateAsync();

        var expectedLog = new List<SweepJournalEntry>();
        for (var number = 0; number < 12; number++)
        {
            var parameters = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("lr", (object)(0.1 * (number + 1)))]);
            s.Trials.Add(new TrialRecord { Number = number, Parameters = parameters });
            var created = new SweepJournalEntry(JournalEntryKind.Created, number, Parameters: parameters);
            s.SearchLog.Add(created);
            expectedLog.Add(created);
            s.NextTrial = number + 1;
            await store.WriteStateAsync(); // write-ahead of the created trial
            var trial = s.Trials[number];
            trial.State = TrialState.Running;
            trial.Silo = "silo-" + (number % 3);
            trial.Attempts.Add(new TrialAttempt(1, trial.Silo, 0));
            for (var epoch = 1; epoch <= 3; epoch++)
            {
                var value = 1.0 / (number + epoch);
                trial.LastEpoch = epoch;
                trial.LastValue = value;
                trial.BestValue = value;
                trial.BestEpoch = epoch;
                var entry = new SweepJournalEntry(JournalEntryKind.Report, number, epoch, value);
                s.SearchLog.Add(entry);
                expectedLog.Add(entry);
            }

            trial.State = number % 4 == 0 ? TrialState.Pruned : TrialState.Completed;
            trial.Reason = number % 4 == 0 ? $"pruned {number}" : null;
            trial.Keep = number % 3 == 0 ? KeepDecision.Kept : KeepDecision.Released;
            if (trial.Keep == KeepDecision.Kept)
            {
                trial.TestMetrics = ImmutableSortedDictionary<string, double>.Empty.Add("test_loss", number / 7.0);
                trial.Finalized = number % 2 == 0;
                trial.ModelNote = number == 3 ? "scoring the test split failed: x" : null;
            }
            var end = new SweepJournalEntry(JournalEntryKind.Finish, number, Value: FinalValue(number), State: trial.State);
            s.SearchLog.Add(end);
            expectedLog.Add(end);
            await store.WriteStateAsync();
            Assert.Empty(s.SearchLog); // written entries leave memory
        }

        s.State = SweepState.Completed;
        s.FinishedAt = s.CreatedAt.AddMinutes(5);
        await store.WriteStateAsync();
        Assert.True(store.SegmentCount > 3);

        var reloaded = NewStore();
        await reloaded.LoadAsync(Sweep);

        var r = reloaded.State;
        Assert.True(reloaded.RecordExists);
        Assert.Equal(("n", "spec", "spec.yaml", s.CreatedAt, s.TraceParent), (r.Name, r.SpecText, r.SourceName, r.CreatedAt, r.TraceParent));
        Assert.Equal((SweepState.Completed, s.FinishedAt, 12), (r.State, r.FinishedAt, r.NextTrial));
        Assert.Equal(expectedLog.Select(Text), r.SearchLog.Select(Text));
        Assert.Equal(s.Trials.Select(Row), r.Trials.Select(Row));
        Assert.All(r.Trials, t => Assert.Equal(0.1 * (t.Number + 1), (double)t.Parameters!["lr"]));

        static double FinalValue(int number) => 1.0 / (number + 3);
    }

    [Fact]
    public async Task Each_write_stores_only_the_open_segment_and_only_what_changed()
    {
        var recording = new RecordingStorage(_storage);
        var store = NewStore(recording);
        await store.LoadAsync(Sweep);
        store.State.State = SweepState.Running;
        await store.WriteStateAsync();
        for (var number = 0; number < 40; number++)
        {
            store.State.Trials.Add(new TrialRecord { Number = number });
            await store.WriteStateAsync();
            store.State.Trials[number].State = TrialState.Completed;
            await store.WriteStateAsync();
        }

        var journalWrites = recording.Writes.Where(w => w.StateName == SweepStore.SegmentStateName).ToList();
        Assert.Equal(81, journalWrites.Count); // the sweep's state, then one row per write
        Assert.All(journalWrites, w => Assert.InRange(w.Entries, 1, SegmentEntries));
        Assert.Equal(1, recording.Writes.Count(w => w.StateName == SweepStore.HeaderStateName));
        Assert.True(journalWrites.Select(w => w.GrainId).Distinct().Count() >= 81 / SegmentEntries);
    }

    [Fact]
    public async Task A_second_activation_writing_the_same_sweep_is_detected()
    {
        var first = NewStore();
        await first.LoadAsync(Sweep);
        first.State.State = SweepState.Running;
        await first.WriteStateAsync();
        var second = NewStore();
        await second.LoadAsync(Sweep);

        second.State.Trials.Add(new TrialRecord { Number = 0 });
        await second.WriteStateAsync();
        first.State.Trials.Add(new TrialRecord { Number = 0 });

        await Assert.ThrowsAsync<InconsistentStateException>(first.WriteStateAsync);
    }

    [Fact]
    public async Task A_state_of_the_old_single_record_layout_is_migrated_into_the_journal()
    {
        var old = new SweepGrainState { Name = "old", SpecText = "spec", State = SweepState.Running, NextTrial = 20 };
        for (var number = 0; number < 20; number++)
        {
            old.Trials.Add(new TrialRecord
            {
                Number = number,
                State = number < 15 ? TrialState.Completed : TrialState.Running,
                Attempt = 1,
                Silo = "silo",
                Attempts = [new TrialAttempt(1, "silo", 0)],
                LastEpoch = 2,
                LastValue = number,
                BestValue = number,
                BestEpoch = 2,
            });
            old.PruningLog.Add(new PruningLogEntry(number, 1, number + 1, null));
            old.PruningLog.Add(new PruningLogEntry(number, 2, number, null));
            if (number < 15)
            {
                old.PruningLog.Add(new PruningLogEntry(number, 0, double.NaN, TrialState.Completed));
            }
        }

        await _storage.WriteStateAsync(SweepStore.HeaderStateName, Sweep, new GrainState<SweepGrainState> { State = old });
        var expectedRows = old.Trials.Select(Row).ToList();
        var expectedLog = old.PruningLog.Select(e => e.End is { } end
            ? new SweepJournalEntry(JournalEntryKind.Finish, e.Trial, Value: double.NaN, State: end)
            : new SweepJournalEntry(JournalEntryKind.Report, e.Trial, e.Step, e.Value)).Select(Text).ToList();

        var store = NewStore();
        await store.LoadAsync(Sweep);
        Assert.Equal(expectedRows, store.State.Trials.Select(Row));
        Assert.Equal(expectedLog, store.State.SearchLog.Select(Text));
        await store.WriteStateAsync(); // migrates

        var header = new GrainState<SweepGrainState>();
        await _storage.ReadStateAsync(SweepStore.HeaderStateName, Sweep, header);
        Assert.Equal(1, header.State!.Layout);
        Assert.Empty(header.State.Trials);
        Assert.Empty(header.State.PruningLog);
        var reloaded = NewStore();
        await reloaded.LoadAsync(Sweep);
        Assert.Equal(expectedRows, reloaded.State.Trials.Select(Row));
        Assert.Equal(expectedLog, reloaded.State.SearchLog.Select(Text));
        Assert.Equal(("old", SweepState.Running, 20), (reloaded.State.Name, reloaded.State.State, reloaded.State.NextTrial));
    }

    /// <summary>A log entry as comparable text (records with dictionaries compare by reference).</summary>
    private static string Text(SweepJournalEntry e) =>
        $"{e.Kind} {e.Trial} {e.Epoch} {e.Value} {e.State} {string.Join(",", (e.Parameters ?? ImmutableSortedDictionary<string, object>.Empty).Select(p => $"{p.Key}={p.Value}"))}";

    private static string Row(TrialRecord t) =>
        $"{t.Number}|{t.State}|{t.Attempt}|{t.Silo}|{t.Reason}|{t.LastEpoch}|{t.LastValue:R}|{t.BestValue:R}|{t.BestEpoch}|{string.Join(",", t.Attempts)}" +
        $"|{t.Keep}|{string.Join(",", (t.TestMetrics ?? ImmutableSortedDictionary<string, double>.Empty).Select(m => $"{m.Key}={m.Value:R}"))}|{t.Finalized}|{t.ModelNote}";

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
