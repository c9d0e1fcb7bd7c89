namespace HyperSweep.Search.Pruning;

/// <summary>
/// The values that some set of trials reported at one step: a sorted list of the numbers and a count of
/// the NaNs (they count toward <c>n_min_trials</c> but not toward the percentile, as in Optuna).
/// </summary>
internal sealed class StepSummary
{
    private readonly SortedValues _numbers = new();

    public int NaNCount { get; private set; }

    public int Count => _numbers.Count + NaNCount;

    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            NaNCount++;
        }
        else
        {
            _numbers.Add(value);
        }
    }

    public void Remove(double value)
    {
        if (double.IsNaN(value))
        {
            NaNCount--;
        }
        else
        {
            _numbers.Remove(value);
        }
    }

    /// <summary>
    /// numpy 1.24 <c>nanpercentile(values, pct)</c> ("linear" method, two-sided lerp), optionally over the
    /// multiset with one occurrence of <paramref name="excluded"/> removed (a trial is never its own reference).
    /// </summary>
    public double Percentile(double pct, double? excluded = null)
    {
        var skip = excluded is { } x && !double.IsNaN(x) ? _numbers.IndexOf(x) : -1;
        var n = _numbers.Count - (skip >= 0 ? 1 : 0);
        if (n == 0)
        {
            return double.NaN;
        }
        double At(int i) => skip >= 0 && i >= skip ? _numbers[i + 1] : _numbers[i];

        var q = pct / 100.0;
        var v = (n - 1) * q;
        if (v >= n - 1)
        {
            return At(n - 1);
        }
        var i = (int)Math.Floor(v);
        var g = v - i;
        var a = At(i);
        var b = At(i + 1);
        var d = b - a;
        return g >= 0.5 ? b - d * (1.0 - g) : a + d * g;
    }
}
