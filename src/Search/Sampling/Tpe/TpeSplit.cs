namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// The below/above split of one decision: n (COMPLETE + PRUNED), gamma(n), and both groups in trial-number order,
/// taken BEFORE the trials lacking a parameter are removed (each estimator removes them afterwards).
/// </summary>
internal sealed class TpeSplit(int n, int nBelow, IReadOnlyList<TpeEntry> below, IReadOnlyList<TpeEntry> above, Func<int[]> ranking)
{
    private int[]? _ranking;

    public int N => n;

    public int NBelow => nBelow;

    public IReadOnlyList<TpeEntry> Below => below;

    public IReadOnlyList<TpeEntry> Above => above;

    /// <summary>All observation trials, best first (built on demand: only explanations and the parity harness read it).</summary>
    public int[] Ranking => _ranking ??= ranking();
}
