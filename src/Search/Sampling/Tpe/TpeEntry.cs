namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// TPE's view of one trial: its ranking key once it finished as an observation, and its parameters in Optuna's
/// internal representation (computed once, when the proposal is recorded).
/// </summary>
internal sealed class TpeEntry
{
    private double[]? _values;

    public TpeEntry(StudyTrial trial, int position)
    {
        Trial = trial;
        Position = position;
    }

    /// <summary>Where the entry stands in the history's trial-number order (an index for per-decision buffers).</summary>
    public int Position { get; }

    public StudyTrial Trial { get; }

    public int Number => Trial.Number;

    /// <summary>A COMPLETED (with a value) or PRUNED trial: ranked by <see cref="Key1"/>, <see cref="Key2"/>, then number.</summary>
    public bool IsFinishedObservation { get; private set; }

    public double Key1 { get; private set; }

    public double Key2 { get; private set; }

    /// <summary>Set while the entry belongs to the "below" group of the split being built.</summary>
    public int BelowStamp { get; set; }

    /// <summary>Set while the entry is a component of the estimator being built; <see cref="ComponentIndex"/> is its index.</summary>
    public int ComponentStamp { get; set; }

    public int ComponentIndex { get; set; }

    /// <summary>
    /// Optuna's key (TPE-TRACES.md 4.3): COMPLETE (−∞, sign·v); PRUNED (−last step, sign·its value), a NaN value
    /// ranking worst within its step, and (1, 0) without reports. A COMPLETED trial without a number is what Optuna
    /// records as FAIL (it turns a NaN objective into FAIL): not an observation. False for other states.
    /// </summary>
    public bool TryRank(StudyDirection direction)
    {
        var sign = direction == StudyDirection.Maximize ? -1.0 : 1.0;
        switch (Trial.State)
        {
            case TrialState.Completed when Trial.Value is { } value && !double.IsNaN(value):
                (Key1, Key2) = (double.NegativeInfinity, sign * value);
                break;
            case TrialState.Pruned when Trial.LastStep is { } step:
                var last = Trial.ValueAt(step);
                (Key1, Key2) = (-step, double.IsNaN(last) ? double.PositiveInfinity : sign * last);
                break;
            case TrialState.Pruned:
                (Key1, Key2) = (1.0, 0.0);
                break;
            default:
                return false;
        }
        IsFinishedObservation = true;
        return true;
    }

    /// <summary>Orders finished observations best first; equal keys keep trial-number order (a stable sort).</summary>
    public int CompareRank(TpeEntry other)
    {
        var byKey = Key1.CompareTo(other.Key1);
        if (byKey == 0)
        {
            byKey = Key2.CompareTo(other.Key2);
        }
        return byKey != 0 ? byKey : Number.CompareTo(other.Number);
    }

    /// <summary>The trial's internal values per TPE parameter (NaN: absent), or null while it has no recorded proposal.</summary>
    public double[]? Values(IReadOnlyList<TpeParameter> parameters)
    {
        if (_values is not null || !Trial.HasParameters)
        {
            return _values;
        }
        var values = new double[parameters.Count];
        for (var p = 0; p < parameters.Count; p++)
        {
            values[p] = Trial.Parameters.TryGetValue(parameters[p].Name, out var value) ? parameters[p].ToInternal(value) : double.NaN;
        }
        _values = values;
        return values;
    }
}
