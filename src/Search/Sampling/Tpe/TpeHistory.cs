namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// TPE's incremental index over a <see cref="Study"/>: one entry per trial in trial-number order, the finished
/// observations kept sorted by Optuna's key (an insertion per finished trial, not a sort per decision), and each
/// trial's internal values converted once. <see cref="CatchUp"/> reads only what the study added since the last
/// call, so a proposal never copies the history.
/// </summary>
internal sealed class TpeHistory
{
    private static readonly Comparer<TpeEntry> ByRank = Comparer<TpeEntry>.Create((a, b) => a.CompareRank(b));

    private readonly IReadOnlyList<TpeParameter> _parameters;
    private readonly List<TpeEntry> _entries = new();
    private readonly Dictionary<int, TpeEntry> _byNumber = new();
    private readonly List<TpeEntry> _ranked = new();
    private readonly List<TpeEntry> _withoutParameters = new();
    private readonly TpeSortedValues?[] _sorted;
    private Study? _study;
    private int _finishedSeen;
    private int _stamp;

    public TpeHistory(IReadOnlyList<TpeParameter> parameters)
    {
        _parameters = parameters;
        _sorted = parameters.Select(p => p.Distribution.IsCategorical ? null : new TpeSortedValues()).ToArray();
    }

    public IReadOnlyList<TpeParameter> Parameters => _parameters;

    /// <summary>Every trial, in trial-number order.</summary>
    public IReadOnlyList<TpeEntry> Entries => _entries;

    /// <summary>n: the COMPLETE and PRUNED observations (what the startup test and gamma count).</summary>
    public int FinishedObservationCount => _ranked.Count;

    public TpeEntry Entry(int number) => _byNumber[number];

    /// <summary>Brings the index up to date with <paramref name="study"/> (a different study or an out-of-order trial number rebuilds it).</summary>
    public void CatchUp(Study study)
    {
        if (!ReferenceEquals(study, _study) || !PrefixUnchanged(study))
        {
            Reset(study);
        }
        for (var i = _withoutParameters.Count - 1; i >= 0; i--)
        {
            if (_withoutParameters[i].Trial.HasParameters)
            {
                Index(_withoutParameters[i]);
                _withoutParameters.RemoveAt(i);
            }
        }
        for (var i = _entries.Count; i < study.Trials.Count; i++)
        {
            var entry = new TpeEntry(study.Trials[i], i);
            _entries.Add(entry);
            _byNumber.Add(entry.Number, entry);
            if (entry.Trial.HasParameters)
            {
                Index(entry);
            }
            else
            {
                _withoutParameters.Add(entry);
            }
        }
        var finished = study.FinishedInOrder;
        for (; _finishedSeen < finished.Count; _finishedSeen++)
        {
            var entry = _byNumber[finished[_finishedSeen].Number];
            if (entry.TryRank(study.Direction))
            {
                var position = _ranked.BinarySearch(entry, ByRank);
                _ranked.Insert(position >= 0 ? position : ~position, entry);
            }
        }
    }

    /// <summary>A fresh mark for per-decision flags on entries.</summary>
    public int NextStamp() => ++_stamp;

    /// <summary>A numeric parameter's recorded values (estimator space), sorted; null for categoricals.</summary>
    public TpeSortedValues? Sorted(int parameter) => _sorted[parameter];

    /// <summary>
    /// Optuna's split (4.3): the observations are the finished ones ranked by key, then, with the constant liar,
    /// every RUNNING trial (the one being sampled included) ranked last in trial-number order; the first gamma(n)
    /// form "below", the rest "above", both returned in trial-number order.
    /// </summary>
    public TpeSplit Split(TpeGamma gamma, bool constantLiar)
    {
        var n = _ranked.Count;
        var nBelow = gamma.Of(n);
        var stamp = NextStamp();
        var below = new List<TpeEntry>();
        for (var i = 0; i < Math.Min(nBelow, n); i++)
        {
            below.Add(_ranked[i]);
        }
        if (constantLiar && nBelow > n)
        {
            foreach (var entry in _entries)
            {
                if (below.Count >= nBelow)
                {
                    break;
                }
                if (entry.Trial.State == TrialState.Running)
                {
                    below.Add(entry);
                }
            }
        }
        foreach (var entry in below)
        {
            entry.BelowStamp = stamp;
        }
        below.Sort((a, b) => a.Number.CompareTo(b.Number));
        var above = new List<TpeEntry>(Math.Max(0, _entries.Count - below.Count));
        foreach (var entry in _entries)
        {
            var observed = entry.IsFinishedObservation || (constantLiar && entry.Trial.State == TrialState.Running);
            if (observed && entry.BelowStamp != stamp)
            {
                above.Add(entry);
            }
        }
        return new TpeSplit(n, nBelow, below, above, () => Ranking(constantLiar));
    }

    /// <summary>Every observation's trial number, best first (the recorder's <c>ranking</c>).</summary>
    private int[] Ranking(bool constantLiar)
    {
        var ranking = _ranked.Select(e => e.Number).ToList();
        if (constantLiar)
        {
            ranking.AddRange(_entries.Where(e => e.Trial.State == TrialState.Running).Select(e => e.Number));
        }
        return ranking.ToArray();
    }

    private bool PrefixUnchanged(Study study) =>
        _entries.Count <= study.Trials.Count && (_entries.Count == 0 || ReferenceEquals(study.Trials[_entries.Count - 1], _entries[^1].Trial));

    private void Index(TpeEntry entry)
    {
        var values = entry.Values(_parameters)!;
        for (var p = 0; p < _parameters.Count; p++)
        {
            if (_sorted[p] is { } sorted && !double.IsNaN(values[p]))
            {
                sorted.Add(_parameters[p].Distribution.ToEstimatorSpace(values[p]), entry);
            }
        }
    }

    private void Reset(Study study)
    {
        _study = study;
        _entries.Clear();
        _byNumber.Clear();
        _ranked.Clear();
        _withoutParameters.Clear();
        for (var p = 0; p < _sorted.Length; p++)
        {
            _sorted[p] = _sorted[p] is null ? null : new TpeSortedValues();
        }
        _finishedSeen = 0;
    }
}
