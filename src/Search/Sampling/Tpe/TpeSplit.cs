namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// The below/above split of one decision: n (COMPLETE + PRUNED), gamma(n), and both groups as history positions in
/// trial-number order, taken BEFORE the trials lacking a parameter are removed (each estimator removes them).
/// </summary>
internal sealed class TpeSplit(TpeHistory history, int n, int nBelow, int[] below, int[] above, Func<int[]> ranking)
{
    private int[]? _ranking;

    public int N => n;

    public int NBelow => nBelow;

    /// <summary>History positions of the "below" trials, in trial-number order.</summary>
    public int[] Below => below;

    public int[] Above => above;

    public IEnumerable<int> BelowNumbers => below.Select(history.NumberAt);

    public IEnumerable<int> AboveNumbers => above.Select(history.NumberAt);

    /// <summary>All observation trials' numbers, best first (built on demand: only explanations and the parity harness read it).</summary>
    public int[] Ranking => _ranking ??= ranking();
}
