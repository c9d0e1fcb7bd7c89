using System.Runtime.InteropServices;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// TPE's incremental index over a <see cref="Study"/>, in arrays by history position (= trial-number order): each
/// trial's kind (finished observation, running, neither), its ranking key, its internal values per parameter; the
/// finished observations kept sorted by key (one insertion per finished trial, not a sort per decision); the
/// running trials; each numeric parameter's values kept sorted. <see cref="CatchUp"/> reads only what the study
/// added since the last call, so a proposal never copies the history, and the hot loops walk flat arrays.
/// </summary>
internal sealed class TpeHistory
{
    private const byte Unobserved = 0;
    private const byte FinishedObservation = 1;
    private const byte Running = 2;

    private readonly IReadOnlyList<TpeParameter> _parameters;
    private readonly List<StudyTrial> _trials = new();
    private readonly Dictionary<int, int> _positionOf = new();
    private readonly List<byte> _kind = new();
    private readonly List<double> _key1 = new();
    private readonly List<double> _key2 = new();
    private readonly List<double>[] _values;
    private readonly List<int> _ranked = new();
    private readonly List<int> _running = new();
    private readonly List<int> _withoutParameters = new();
    private readonly TpeSortedValues?[] _sorted;
    private Study? _study;
    private int _finishedSeen;
    private int[] _stamps = [];
    private int[] _marks = [];
    private int _stamp;

    public TpeHistory(IReadOnlyList<TpeParameter> parameters)
    {
        _parameters = parameters;
        _values = parameters.Select(_ => new List<double>()).ToArray();
        _sorted = new TpeSortedValues?[parameters.Count];
    }

    public IReadOnlyList<TpeParameter> Parameters => _parameters;

    public int Count => _trials.Count;

    /// <summary>n: the COMPLETE and PRUNED observations (what the start-up test and gamma count).</summary>
    public int FinishedObservationCount => _ranked.Count;

    /// <summary>Positions of the RUNNING trials, in trial-number order.</summary>
    public IReadOnlyList<int> RunningPositions => _running;

    public int NumberAt(int position) => _trials[position].Number;

    public StudyTrial TrialAt(int position) => _trials[position];

    public int PositionOf(int number) => _positionOf[number];

    public bool IsFinishedObservation(int position) => _kind[position] == FinishedObservation;

    /// <summary>Parameter <paramref name="parameter"/>'s internal values by position (NaN: absent or not recorded yet).</summary>
    public ReadOnlySpan<double> Values(int parameter) => CollectionsMarshal.AsSpan(_values[parameter]);

    /// <summary>A numeric parameter's recorded values (estimator space), sorted; null for categoricals.</summary>
    public TpeSortedValues? Sorted(int parameter) => _sorted[parameter];

    /// <summary>
    /// Per-position scratch arrays and a fresh stamp: a position is flagged when its stamp equals the fresh one (no
    /// clearing between decisions), and <c>Marks</c> holds a number for each flagged position.
    /// </summary>
    public (int[] Stamps, int[] Marks, int Stamp) NextStamp()
    {
        if (_stamps.Length < _trials.Count)
        {
            var size = Math.Max(_trials.Count, 2 * _stamps.Length);
            Array.Resize(ref _stamps, size);
            Array.Resize(ref _marks, size);
        }
        return (_stamps, _marks, ++_stamp);
    }

    /// <summary>Brings the index up to date with <paramref name="study"/> (a different study or an out-of-order trial number rebuilds it).</summary>
    public void CatchUp(Study study)
    {
        if (!ReferenceEquals(study, _study) || !PrefixUnchanged(study))
        {
            Reset(study);
        }
        for (var i = _withoutParameters.Count - 1; i >= 0; i--)
        {
            if (_trials[_withoutParameters[i]].HasParameters)
            {
                Index(_withoutParameters[i]);
                _withoutParameters.RemoveAt(i);
            }
        }
        for (var position = _trials.Count; position < study.Trials.Count; position++)
        {
            Append(study.Trials[position], position);
        }
        var finished = study.FinishedInOrder;
        for (; _finishedSeen < finished.Count; _finishedSeen++)
        {
            Finish(_positionOf[finished[_finishedSeen].Number], study.Direction);
        }
    }

    /// <summary>
    /// Optuna's split (4.3): the observations are the finished ones ranked by key, then, with the constant liar,
    /// every RUNNING trial (the one being sampled included) ranked last in trial-number order; the first gamma(n)
    /// form "below", the rest "above", both returned in trial-number order.
    /// </summary>
    public TpeSplit Split(TpeGamma gamma, bool constantLiar)
    {
        var n = _ranked.Count;
        var nBelow = gamma.Of(n);
        var below = new List<int>(Math.Min(nBelow, n + _running.Count));
        for (var i = 0; i < Math.Min(nBelow, n); i++)
        {
            below.Add(_ranked[i]);
        }
        for (var i = 0; constantLiar && i < _running.Count && below.Count < nBelow; i++)
        {
            below.Add(_running[i]);
        }
        below.Sort();
        var (stamps, _, stamp) = NextStamp();
        foreach (var position in below)
        {
            stamps[position] = stamp;
        }
        var kinds = CollectionsMarshal.AsSpan(_kind);
        var above = new List<int>(Math.Max(0, n + (constantLiar ? _running.Count : 0) - below.Count));
        for (var position = 0; position < kinds.Length; position++)
        {
            var observed = kinds[position] == FinishedObservation || (constantLiar && kinds[position] == Running);
            if (observed && stamps[position] != stamp)
            {
                above.Add(position);
            }
        }
        return new TpeSplit(this, n, nBelow, below.ToArray(), above.ToArray(), () => Ranking(constantLiar));
    }

    /// <summary>Every observation's trial number, best first (the recorder's <c>ranking</c>).</summary>
    private int[] Ranking(bool constantLiar) =>
        _ranked.Concat(constantLiar ? _running : []).Select(NumberAt).ToArray();

    private void Append(StudyTrial trial, int position)
    {
        _trials.Add(trial);
        _positionOf.Add(trial.Number, position);
        _kind.Add(Running);
        _key1.Add(double.PositiveInfinity);
        _key2.Add(double.PositiveInfinity);
        _running.Add(position);
        foreach (var values in _values)
        {
            values.Add(double.NaN);
        }
        if (trial.HasParameters)
        {
            Index(position);
        }
        else
        {
            _withoutParameters.Add(position);
        }
    }

    /// <summary>Records a finished trial's key (TPE-TRACES.md 4.3) and ranks it when it is an observation.</summary>
    private void Finish(int position, StudyDirection direction)
    {
        _running.Remove(position);
        var trial = _trials[position];
        var sign = direction == StudyDirection.Maximize ? -1.0 : 1.0;
        switch (trial.State)
        {
            case TrialState.Completed when trial.Value is { } value && !double.IsNaN(value):
                (_key1[position], _key2[position]) = (double.NegativeInfinity, sign * value);
                break;
            case TrialState.Pruned when trial.LastStep is { } step:
                var last = trial.ValueAt(step);
                (_key1[position], _key2[position]) = (-step, double.IsNaN(last) ? double.PositiveInfinity : sign * last);
                break;
            case TrialState.Pruned:
                (_key1[position], _key2[position]) = (1.0, 0.0);
                break;
            default:
                // FAIL, CANCELLED, and a COMPLETED trial without a number (Optuna records a NaN objective as FAIL).
                _kind[position] = Unobserved;
                return;
        }
        _kind[position] = FinishedObservation;
        int low = 0, high = _ranked.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (RanksBefore(_ranked[middle], position))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        _ranked.Insert(low, position);
    }

    /// <summary>Key order; equal keys keep trial-number order (a stable sort).</summary>
    private bool RanksBefore(int a, int b) =>
        _key1[a] < _key1[b] || (_key1[a] == _key1[b] && (_key2[a] < _key2[b] || (_key2[a] == _key2[b] && a < b)));

    private void Index(int position)
    {
        var parameters = _trials[position].Parameters;
        for (var p = 0; p < _parameters.Count; p++)
        {
            if (!parameters.TryGetValue(_parameters[p].Name, out var value))
            {
                continue;
            }
            var internalValue = _parameters[p].ToInternal(value);
            _values[p][position] = internalValue;
            if (!_parameters[p].Distribution.IsCategorical)
            {
                (_sorted[p] ??= new TpeSortedValues()).Add(_parameters[p].Distribution.ToEstimatorSpace(internalValue), position);
            }
        }
    }

    private bool PrefixUnchanged(Study study) =>
        _trials.Count <= study.Trials.Count && (_trials.Count == 0 || ReferenceEquals(study.Trials[_trials.Count - 1], _trials[^1]));

    private void Reset(Study study)
    {
        _study = study;
        _trials.Clear();
        _positionOf.Clear();
        _kind.Clear();
        _key1.Clear();
        _key2.Clear();
        foreach (var values in _values)
        {
            values.Clear();
        }
        _ranked.Clear();
        _running.Clear();
        _withoutParameters.Clear();
        Array.Clear(_sorted);
        _finishedSeen = 0;
    }
}
