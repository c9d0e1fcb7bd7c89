using MathNet.Numerics.Random;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// One TPE decision over a space of one parameter (independent) or several (a joint, "relative" sample): the split,
/// the below and above Parzen estimators built from the trials of each group that have the space's FIRST parameter,
/// and the rule that picks the candidate maximising log l(x) − log g(x).
/// </summary>
internal sealed class TpeDecision
{
    private readonly TpeHistory _history;
    private readonly int[] _belowPositions;
    private readonly int[] _abovePositions;

    private TpeDecision(TpeHistory history, TpeSplit split, int[] space, int[] belowPositions, int[] abovePositions, ParzenEstimator below,
        ParzenEstimator above)
    {
        _history = history;
        Split = split;
        Space = space;
        _belowPositions = belowPositions;
        _abovePositions = abovePositions;
        Below = below;
        Above = above;
    }

    public TpeSplit Split { get; }

    /// <summary>The decided parameters (indices into the TPE parameter list), in the order Optuna uses.</summary>
    public int[] Space { get; }

    /// <summary>The trial number of each observation component of <see cref="Below"/>.</summary>
    public int[] BelowTrials => _belowPositions.Select(_history.NumberAt).ToArray();

    public int[] AboveTrials => _abovePositions.Select(_history.NumberAt).ToArray();

    public ParzenEstimator Below { get; }

    public ParzenEstimator Above { get; }

    public static TpeDecision Build(TpeHistory history, TpeSplit split, int[] space, TpeSettings settings, bool jointBandwidth)
    {
        var distributions = space.Select(p => history.Parameters[p].Distribution).ToArray();
        var (belowTrials, belowValues, belowOrders) = Observations(history, split.Below, space);
        var (aboveTrials, aboveValues, aboveOrders) = Observations(history, split.Above, space);
        return new TpeDecision(history, split, space, belowTrials, aboveTrials,
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
    /// The trials of <paramref name="group"/> (history positions) that have the space's first parameter, their values
    /// per parameter, and, for numeric parameters of large groups, the components' order by value read from the
    /// history's sorted index (small groups are simply sorted by the estimator).
    /// </summary>
    private static (int[] Trials, double[][] Values, int[]?[] Orders) Observations(TpeHistory history, int[] group, int[] space)
    {
        var first = history.Values(space[0]);
        var members = new int[group.Length];
        var count = 0;
        foreach (var position in group)
        {
            if (!double.IsNaN(first[position]))
            {
                members[count++] = position;
            }
        }
        Array.Resize(ref members, count);
        var (stamps, componentOf, stamp) = history.NextStamp();
        var columns = new double[space.Length][];
        var orders = new int[]?[space.Length];
        for (var d = 0; d < space.Length; d++)
        {
            var values = history.Values(space[d]);
            columns[d] = new double[members.Length];
            for (var i = 0; i < members.Length; i++)
            {
                columns[d][i] = values[members[i]];
            }
        }
        if (members.Length > PresortedFrom)
        {
            for (var i = 0; i < members.Length; i++)
            {
                stamps[members[i]] = stamp;
                componentOf[members[i]] = i;
            }
            for (var d = 0; d < space.Length; d++)
            {
                if (history.Sorted(space[d]) is { } sorted)
                {
                    orders[d] = OrderFromIndex(sorted, stamps, componentOf, stamp, members.Length);
                }
            }
        }
        return (members, columns, orders);
    }

    /// <summary>Below this many components an estimator sorts its own values (cheaper than walking the whole index).</summary>
    private const int PresortedFrom = 64;

    /// <summary>The components in ascending value order: one walk of the parameter's sorted index.</summary>
    private static int[]? OrderFromIndex(TpeSortedValues sorted, int[] stamps, int[] componentOf, int stamp, int count)
    {
        var order = new int[count];
        var k = 0;
        foreach (var position in sorted.Positions)
        {
            if (stamps[position] == stamp)
            {
                order[k++] = componentOf[position];
            }
        }
        // A member whose value is NaN (a joint space's later parameter the trial lacks) is not in the index.
        return k == count ? order : null;
    }
}
