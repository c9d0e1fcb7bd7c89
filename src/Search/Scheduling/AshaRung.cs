using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Scheduling;

/// <summary>
/// One rung of an <see cref="AshaLadder"/>: the step it sits at, every value recorded there (kept sorted, so the
/// promotion cut-off is one index), the trials promoted past it, and the trials paused at it waiting for a promotion.
/// </summary>
internal sealed class AshaRung(int index, int step)
{
    private readonly SortedValues _values = new();
    private readonly Dictionary<int, double> _byTrial = [];

    public int Index { get; } = index;

    public int Step { get; } = step;

    public int Count => _values.Count;

    public HashSet<int> Promoted { get; } = [];

    public SortedSet<int> Paused { get; } = [];

    public double ValueOf(int trial) => _byTrial[trial];

    public bool Holds(int trial) => _byTrial.ContainsKey(trial);

    public void Record(int trial, double value)
    {
        _byTrial.Add(trial, value);
        _values.Add(value);
    }

    /// <summary>ASHA's rule: how many of the rung's records are promoted, ⌊n / η⌋ (none until η trials were recorded).</summary>
    public int PromotableCount(int reductionFactor) => _values.Count / reductionFactor;

    /// <summary>Whether <paramref name="value"/> is within the top ⌊n / η⌋ of the rung (ties with the cut-off count as in).</summary>
    public bool IsPromotable(double value, int reductionFactor, bool maximize)
    {
        var m = PromotableCount(reductionFactor);
        if (m == 0 || double.IsNaN(value))
        {
            return false;
        }

        return maximize ? value >= _values[_values.Count - m] : value <= _values[m - 1];
    }

    /// <summary>1 + how many records are strictly better than <paramref name="value"/>.</summary>
    public int RankOf(double value, bool maximize)
    {
        var better = 0;
        for (var i = 0; i < _values.Count; i++)
        {
            if (maximize ? _values[i] > value : _values[i] < value)
            {
                better++;
            }
        }

        return better + 1;
    }
}
