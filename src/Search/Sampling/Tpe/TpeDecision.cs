using MathNet.Numerics.Random;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// One TPE decision over a space of one parameter (independent) or several (a joint, "relative" sample): the split,
/// the below and above Parzen estimators built from the trials of each group that have the space's FIRST parameter,
/// and the rule that picks the candidate maximising log l(x) − log g(x).
/// </summary>
internal sealed class TpeDecision
{
    private TpeDecision(TpeSplit split, int[] space, int[] belowTrials, int[] aboveTrials, ParzenEstimator below, ParzenEstimator above)
    {
        Split = split;
        Space = space;
        BelowTrials = belowTrials;
        AboveTrials = aboveTrials;
        Below = below;
        Above = above;
    }

    public TpeSplit Split { get; }

    /// <summary>The decided parameters (indices into the TPE parameter list), in the order Optuna uses.</summary>
    public int[] Space { get; }

    /// <summary>The trial of each observation component of <see cref="Below"/>.</summary>
    public int[] BelowTrials { get; }

    public int[] AboveTrials { get; }

    public ParzenEstimator Below { get; }

    public ParzenEstimator Above { get; }

    public static TpeDecision Build(TpeHistory history, TpeSplit split, int[] space, TpeSettings settings, bool jointBandwidth)
    {
        var distributions = space.Select(p => history.Parameters[p].Distribution).ToArray();
        var (belowTrials, belowValues, belowOrders) = Observations(history, split.Below, space);
        var (aboveTrials, aboveValues, aboveOrders) = Observations(history, split.Above, space);
        return new TpeDecision(split, space, belowTrials, aboveTrials,
            ParzenEstimator.Build(distributions, belowValues, belowTrials.Length, settings, jointBandwidth, belowOrders),
            ParzenEstimator.Build(distributions, aboveValues, aboveTrials.Length, settings, jointBandwidth, aboveOrders));
    }

    /// <summary>
    /// Both log-densities of each candidate ([parameter][candidate], internal) and the winner: the first index of
    /// the largest score (numpy's argmax, which also takes the first NaN).
    /// </summary>
    public (int Best, double[] LogL, double[] LogG) Score(IReadOnlyList<double[]> candidates, TpeDensity density)
    {
        var logL = Below.LogPdf(candidates, density);
        var logG = Above.LogPdf(candidates, density);
        var best = 0;
        for (var j = 0; j < logL.Length; j++)
        {
            var score = logL[j] - logG[j];
            if (double.IsNaN(score))
            {
                return (j, logL, logG);
            }
            if (score > logL[best] - logG[best])
            {
                best = j;
            }
        }
        return (best, logL, logG);
    }

    /// <summary>Draws <paramref name="count"/> candidates from l(x): components, then one uniform per candidate and parameter.</summary>
    public double[][] Draw(RandomSource random, int count)
    {
        var choices = new double[count];
        random.NextDoubles(choices);
        var active = Below.ChooseComponents(choices);
        var uniforms = new double[Space.Length][];
        for (var d = 0; d < uniforms.Length; d++)
        {
            uniforms[d] = new double[count];
            random.NextDoubles(uniforms[d]);
        }
        return Below.Sample(active, uniforms).Values;
    }

    /// <summary>
    /// The trials of <paramref name="group"/> that have the space's first parameter, their values per parameter, and,
    /// for numeric parameters of large groups, the components' order by value read from the history's sorted index
    /// (small groups are simply sorted by the estimator).
    /// </summary>
    private static (int[] Trials, double[][] Values, int[]?[] Orders) Observations(TpeHistory history, IReadOnlyList<TpeEntry> group, int[] space)
    {
        var stamp = history.NextStamp();
        var trials = new List<int>(group.Count);
        var rows = new List<double[]>(group.Count);
        foreach (var entry in group)
        {
            if (entry.Values(history.Parameters) is { } values && !double.IsNaN(values[space[0]]))
            {
                entry.ComponentStamp = stamp;
                entry.ComponentIndex = trials.Count;
                trials.Add(entry.Number);
                rows.Add(values);
            }
        }
        var columns = new double[space.Length][];
        var orders = new int[]?[space.Length];
        for (var d = 0; d < space.Length; d++)
        {
            columns[d] = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                columns[d][i] = rows[i][space[d]];
            }
            if (rows.Count > PresortedFrom && history.Sorted(space[d]) is { } sorted)
            {
                orders[d] = OrderFromIndex(sorted, stamp, rows.Count);
            }
        }
        return (trials.ToArray(), columns, orders);
    }

    /// <summary>Below this many components an estimator sorts its own values (cheaper than walking the whole index).</summary>
    private const int PresortedFrom = 64;

    /// <summary>The components (by index) in ascending value order: one walk of the parameter's sorted index.</summary>
    private static int[]? OrderFromIndex(TpeSortedValues sorted, int stamp, int count)
    {
        var order = new int[count];
        var k = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            var entry = sorted[i].Entry;
            if (entry.ComponentStamp == stamp)
            {
                order[k++] = entry.ComponentIndex;
            }
        }
        // A component whose value is NaN (a joint space's later parameter the trial lacks) is not in the index.
        return k == count ? order : null;
    }
}
