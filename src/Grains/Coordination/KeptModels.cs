using HyperSweep.Contracts.Artifacts;

namespace HyperSweep.Grains.Coordination;

/// <summary>
/// Which ended trials keep their models (<c>keep: {best: N}</c>): the N best ended trials by the table's one ranking, kept
/// incrementally. A trial is decided when it ends: it enters the kept list if it ranks within the first N (pushing the
/// last one out) and is released otherwise. A released trial never comes back: ended trials never change, and every
/// trial that ends later can only push it further down. Trials that never recorded a value have no weights to keep.
/// Pure: the ledger journals the decisions, the coordinator tells the trials.
/// </summary>
public sealed class KeptModels
{
    private readonly TrialTable _table;
    private readonly int _capacity;
    private readonly List<TrialRecord> _kept;

    public KeptModels(TrialTable table, int capacity)
    {
        _table = table;
        _capacity = capacity;
        _kept = [.. table.Records.Where(r => r.Keep == KeepDecision.Kept)];
        _kept.Sort(table.CompareRank);
    }

    /// <summary>The kept trials, best first.</summary>
    public IReadOnlyList<TrialRecord> Kept => _kept;

    /// <summary>Decides every ended trial not decided yet: how many were, and the trials whose weights are to be deleted now.</summary>
    public (int Decided, IReadOnlyList<int> Released) DecideEnded()
    {
        var released = new List<int>();
        var undecided = _table.Records.Where(r => r.IsFinal && r.Keep == KeepDecision.Undecided).ToList();
        foreach (var record in undecided)
        {
            if (record.BestValue is null || _capacity == 0)
            {
                Release(record, released);
                continue;
            }

            var at = _kept.BinarySearch(record, Comparer<TrialRecord>.Create(_table.CompareRank));
            _kept.Insert(at < 0 ? ~at : at, record);
            record.Keep = KeepDecision.Kept;
            if (_kept.Count > _capacity)
            {
                var last = _kept[^1];
                _kept.RemoveAt(_kept.Count - 1);
                Release(last, released);
            }
        }

        return (undecided.Count, released);
    }

    private static void Release(TrialRecord record, List<int> released)
    {
        record.Keep = KeepDecision.Released;
        released.Add(record.Number);
    }

    /// <summary>A kept trial's finalization (its test metrics and any note); false when the trial is not kept.</summary>
    public bool Record(KeptModelReport report)
    {
        if (!_table.Contains(report.Trial) || _table[report.Trial] is not { Keep: KeepDecision.Kept } record)
        {
            return false;
        }

        record.TestMetrics = report.TestMetrics;
        record.ModelNote = report.Note;
        record.Finalized = true;
        return true;
    }
}
