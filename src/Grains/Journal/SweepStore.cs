using HyperSweep.Contracts;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace HyperSweep.Grains.Journal;

/// <summary>
/// How a sweep coordinator persists itself, at a cost per write that does not grow with the sweep. (Over 300 lines on
/// purpose: the write path and the replay path are the two halves of one journal format and are read together.)
/// </summary>
/// <remarks>
/// <para>
/// The old layout wrote one record holding the whole trial table and pruning log at every change, so each write
/// cost O(trials) to serialize and store, and a 3,000-trial sweep slowed from 14 to 80 ms per trial. Here the
/// stored header (<see cref="SweepGrainState"/> with empty lists: spec, name, timestamps, trace parent) is written
/// once, and everything that changes goes to an append-only journal of compact <see cref="SweepJournalEntry"/>s:
/// the rows of the trials that changed since the last write (the last row of a trial wins on replay), the new
/// search-log entries (asks with their proposals, reports, ends), and the sweep's state when it changed. The journal is cut into segments of
/// <see cref="SweepServiceOptions.JournalSegmentEntries"/> entries, each its own storage record (its own grain id,
/// so every <see cref="IGrainStorage"/> keys it apart: SQLite in dev mode, Redis in cluster mode, memory in
/// tests); only the open segment is rewritten, so a write costs O(segment), and sealed segments leave memory.
/// </para>
/// <para>
/// One <see cref="WriteStateAsync"/> is one storage write of one segment (a batch never straddles two segments:
/// a batch that does not fit opens the next segment whole), so a batch is atomic and a crash cannot persist a
/// trial's row without the reports it already counted, or the reverse, which is what keeps a report from being
/// counted twice by the reconcile after a crash. The header is written before the first journal entry; a trial's
/// proposed parameters are written once, in its Created entry of the search log. Activation reads the
/// header and the segments in order until one is missing and replays them into the in-memory
/// <see cref="State"/> (trial table, the full search log for the rebuild of the sampler and pruner). Each segment's ETag is
/// checked on every write, so a second activation writing the same sweep still fails with
/// <see cref="InconsistentStateException"/>. A stored state of the old layout (<see cref="SweepGrainState.Layout"/>
/// 0) is migrated: its table and log become journal segments and the header is rewritten last, which commits
/// the migration (an interrupted one is redone from the old record, which it has not touched).
/// </para>
/// </remarks>
public sealed class SweepStore(IGrainStorage storage, IOptions<SweepServiceOptions> options)
{
    /// <summary>The header's state name: the same record the old layout used, so old sweeps are found and migrated.</summary>
    public const string HeaderStateName = "sweep";

    public const string SegmentStateName = "journal";

    private static readonly GrainType SegmentType = GrainType.Create("hs-sweep-journal");

    private readonly int _segmentEntries = Math.Max(1, options.Value.JournalSegmentEntries);
    private readonly GrainState<SweepGrainState> _header = new() { State = new SweepGrainState() };
    private readonly HashSet<int> _dirty = [];
    private GrainState<SweepJournalSegment> _open = new() { State = new SweepJournalSegment() };
    private bool _openEtagKnown;
    private int _openIndex;
    private int _trackedTrials;
    private int _searchLogStored;
    private (SweepState State, string? Reason, DateTimeOffset? FinishedAt)? _persistedSweep;
    private bool _migrating;
    private GrainId _grainId;

    /// <summary>The coordinator's whole state in memory; mutate it, then call <see cref="WriteStateAsync"/>.</summary>
    public SweepGrainState State { get; private set; } = new();

    /// <summary>True once the sweep has a stored header (it was submitted).</summary>
    public bool RecordExists => _header.RecordExists;

    /// <summary>Segments that hold the journal so far (the open one included).</summary>
    public int SegmentCount => _openIndex + (_open.State!.Entries.Count > 0 || _open.RecordExists ? 1 : 0);

    /// <summary>Reads the header and replays the journal of <paramref name="grainId"/>.</summary>
    public async Task LoadAsync(GrainId grainId)
    {
        _grainId = grainId;
        await storage.ReadStateAsync(HeaderStateName, grainId, _header);
        State = new SweepGrainState();
        if (!_header.RecordExists)
        {
            return;
        }

        var header = _header.State!;
        CopyHeader(header, State);
        if (header.Layout == 0)
        {
            // The old single-record layout: take its table and log as they are, and write them all at the next write.
            State.Trials = header.Trials;
            State.SearchLog = [.. header.PruningLog.Select(e => e.End is { } end
                ? new SweepJournalEntry(JournalEntryKind.Finish, e.Trial, Value: double.NaN, State: end)
                : new SweepJournalEntry(JournalEntryKind.Report, e.Trial, e.Step, e.Value))];
            // Old rows carry no parameters: the coordinator derives them from the index-based sampler they came from.
            _migrating = true;
            header.Trials = [];
            header.PruningLog = [];
            return;
        }

        for (var index = 0; ; index++)
        {
            var segment = new GrainState<SweepJournalSegment> { State = new SweepJournalSegment() };
            await storage.ReadStateAsync(SegmentStateName, SegmentId(index), segment);
            if (!segment.RecordExists)
            {
                if (index == 0)
                {
                    _open = segment;
                    _openEtagKnown = true;
                }

                break;
            }

            Replay(segment.State!.Entries);
            _open = segment;
            _openIndex = index;
            _openEtagKnown = true;
        }

        State.NextTrial = Math.Max(State.NextTrial, State.Trials.Count);
        foreach (var trial in State.Trials)
        {
            trial.Track(Changed);
        }

        _trackedTrials = State.Trials.Count;
        _persistedSweep = (State.State, State.Reason, State.FinishedAt);
        // The grain rebuilds its search session from the whole log; the entries are already stored, so the next write
        // sends none of them (it clears the list, which frees it).
        _searchLogStored = State.SearchLog.Count;
    }

    /// <summary>
    /// Persists what changed since the last call: the header if it was never written (or is being migrated), then
    /// one journal write with the changed rows, the new search-log entries and the sweep's state if it changed.
    /// On failure nothing is forgotten: the next call writes it again.
    /// </summary>
    public async Task WriteStateAsync()
    {
        var state = State;
        if (!_header.RecordExists)
        {
            await WriteHeader();
        }

        var entries = new List<SweepJournalEntry>(_dirty.Count + state.SearchLog.Count - _searchLogStored + 1);
        var sweep = (state.State, state.Reason, state.FinishedAt);
        if (_persistedSweep != sweep)
        {
            entries.Add(new SweepJournalEntry(JournalEntryKind.Sweep, -1, Reason: state.Reason, SweepState: state.State, FinishedAt: state.FinishedAt));
        }

        for (var i = _trackedTrials; i < state.Trials.Count; i++)
        {
            state.Trials[i].Track(Changed);
            _dirty.Add(i);
        }

        _trackedTrials = state.Trials.Count;

        // Rows before reports: on replay a report never refers to a trial whose row is still to come.
        foreach (var number in _dirty.Order())
        {
            entries.Add(Row(state.Trials[number]));
        }

        // The search log in its own order (asks, reports and ends interleave, and a rebuild replays them as they came).
        for (var i = _searchLogStored; i < state.SearchLog.Count; i++)
        {
            entries.Add(state.SearchLog[i]);
        }

        if (entries.Count > 0)
        {
            if (_migrating)
            {
                // The old record stays the truth until the header is rewritten, so the migration may take several writes.
                foreach (var chunk in entries.Chunk(_segmentEntries))
                {
                    await Append(chunk);
                }
            }
            else
            {
                await Append(entries);
            }
        }

        _dirty.Clear();
        state.SearchLog.Clear();
        _searchLogStored = 0;
        _persistedSweep = sweep;
        if (_migrating)
        {
            await WriteHeader();
            _migrating = false;
        }
    }

    private async Task Append(IReadOnlyCollection<SweepJournalEntry> entries)
    {
        if (_open.State!.Entries.Count > 0 && _open.State.Entries.Count + entries.Count > _segmentEntries)
        {
            _open = new GrainState<SweepJournalSegment> { State = new SweepJournalSegment() };
            _openIndex++;
            _openEtagKnown = false;
        }

        if (!_openEtagKnown)
        {
            // A segment this activation has not read may exist (left by an interrupted migration or first write):
            // take its ETag and overwrite it, since the header or the previous segment says it holds nothing valid.
            var existing = new GrainState<SweepJournalSegment>();
            await storage.ReadStateAsync(SegmentStateName, SegmentId(_openIndex), existing);
            _open.ETag = existing.ETag;
            _open.RecordExists = existing.RecordExists;
            _openEtagKnown = true;
        }

        var before = _open.State!.Entries.Count;
        _open.State.Entries.AddRange(entries);
        try
        {
            await storage.WriteStateAsync(SegmentStateName, SegmentId(_openIndex), _open);
        }
        catch
        {
            _open.State.Entries.RemoveRange(before, entries.Count);
            throw;
        }
    }

    private async Task WriteHeader()
    {
        var header = new SweepGrainState { Layout = 1 };
        CopyHeader(State, header);
        _header.State = header;
        await storage.WriteStateAsync(HeaderStateName, _grainId, _header);
    }

    private void Replay(List<SweepJournalEntry> entries)
    {
        var state = State;
        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case JournalEntryKind.Created:
                    Row(entry.Trial).Parameters = entry.Parameters;
                    state.SearchLog.Add(entry);
                    break;
                case JournalEntryKind.Trial:
                    var trial = Row(entry.Trial);
                    trial.State = entry.State;
                    trial.Attempt = entry.Attempt;
                    trial.Silo = entry.Silo;
                    trial.Reason = entry.Reason;
                    trial.Attempts = entry.Attempts is { Length: > 0 } attempts ? [.. attempts] : [];
                    trial.BestValue = entry.BestValue;
                    trial.BestEpoch = entry.BestEpoch;
                    trial.LastValue = entry.LastValue;
                    trial.LastEpoch = entry.Epoch;
                    trial.EndedAt = entry.FinishedAt;
                    trial.Keep = entry.Keep;
                    trial.TestMetrics = entry.TestMetrics;
                    trial.Finalized = entry.Finalized;
                    trial.ModelNote = entry.ModelNote;
                    break;
                case JournalEntryKind.Report or JournalEntryKind.Finish:
                    state.SearchLog.Add(entry);
                    break;
                case JournalEntryKind.Sweep:
                    state.State = entry.SweepState;
                    state.Reason = entry.Reason;
                    state.FinishedAt = entry.FinishedAt;
                    break;
                default:
                    throw new InvalidDataException($"journal of {_grainId}: unknown entry kind {entry.Kind}");
            }
        }
    }

    private TrialRecord Row(int number)
    {
        while (State.Trials.Count <= number)
        {
            State.Trials.Add(new TrialRecord { Number = State.Trials.Count });
        }

        return State.Trials[number];
    }

    private static SweepJournalEntry Row(TrialRecord trial) =>
        new(JournalEntryKind.Trial, trial.Number, trial.LastEpoch, 0, trial.State, trial.Attempt, trial.Silo, trial.Reason,
            trial.Attempts.Count == 0 ? null : [.. trial.Attempts], trial.BestValue, trial.BestEpoch, trial.LastValue, FinishedAt: trial.EndedAt,
            Keep: trial.Keep, TestMetrics: trial.TestMetrics, Finalized: trial.Finalized, ModelNote: trial.ModelNote);

    private static void CopyHeader(SweepGrainState from, SweepGrainState to)
    {
        to.Name = from.Name;
        to.SpecText = from.SpecText;
        to.SourceName = from.SourceName;
        to.CreatedAt = from.CreatedAt;
        to.FinishedAt = from.FinishedAt;
        to.State = from.State;
        to.Reason = from.Reason;
        to.NextTrial = from.NextTrial;
        to.TraceParent = from.TraceParent;
        to.BaseDirectory = from.BaseDirectory;
    }

    private void Changed(TrialRecord trial) => _dirty.Add(trial.Number);

    private GrainId SegmentId(int index) => GrainId.Create(SegmentType, IdSpan.Create($"{_grainId}/{index}"));
}
