using System.Numerics;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// A numeric parameter's components: truncated normals on [low, high] (the estimator's space) centred on the
/// observations (and the prior's centre), with Optuna 3.1's bandwidths (4.5) and densities (4.7).
/// </summary>
/// <remarks>
/// Cost: a component's exact log mass is computed once, when first needed; the densities of many components go
/// through <see cref="UnivariateMixture"/> (one continuous parameter), <see cref="DiscreteMixture"/> (one discrete
/// parameter: a discrete density depends only on a component's (μ, σ), and a discrete parameter's observations
/// repeat, so it is computed once per distinct pair) and <see cref="JointMixture"/> (several parameters).
/// </remarks>
internal sealed class NumericDimension : ParzenDimension
{
    private double[]? _logMass;
    private double[]? _logSigma;
    private UnivariateMixture? _continuousMixture;
    private DiscreteMixture? _discreteMixture;

    private NumericDimension(TpeDistribution distribution, double[] mus, double[] sigmas, int[]? sortedOrder)
        : base(distribution)
    {
        Mus = mus;
        Sigmas = sigmas;
        SortedOrder = sortedOrder;
        if (Q is not null)
        {
            Groups = DiscreteGroups.Find(mus, sigmas, sortedOrder);
            var groupMass = new double[Groups.Count];
            for (var g = 0; g < groupMass.Length; g++)
            {
                groupMass[g] = TruncatedNormal.LogGaussMass(LowerAt(Groups.First[g]), UpperAt(Groups.First[g]));
            }
            _logMass = new double[mus.Length];
            for (var i = 0; i < mus.Length; i++)
            {
                _logMass[i] = groupMass[Groups.Of[i]];
            }
        }
    }

    /// <summary>The components in ascending μ (always known for the univariate rule; null when never sorted).</summary>
    public int[]? SortedOrder { get; }

    /// <summary>The standardised lower bound (low − μ)/σ of a component.</summary>
    public double LowerAt(int component) => (Low - Mus[component]) / Sigmas[component];

    /// <summary>The standardised upper bound (high − μ)/σ of a component.</summary>
    public double UpperAt(int component) => (High - Mus[component]) / Sigmas[component];

    /// <summary>Components with equal (μ, σ), for discrete parameters (null for continuous ones).</summary>
    public DiscreteGroups? Groups { get; }

    /// <summary>ln of each component's mass on [low, high], computed on first use.</summary>
    public double LogMass(int component)
    {
        if (_logMass is null)
        {
            _logMass = new double[Mus.Length];
            Array.Fill(_logMass, double.NaN);
        }
        var value = _logMass[component];
        return double.IsNaN(value) ? _logMass[component] = TruncatedNormal.LogGaussMass(LowerAt(component), UpperAt(component)) : value;
    }

    public double LogSigma(int component) => (_logSigma ??= Sigmas.Select(s => Math.Log(s)).ToArray())[component];

    /// <summary>
    /// log Σ_i w_i p_i(x) when this is the estimator's only parameter (an independent decision), evaluated with the
    /// one-parameter shortcuts of <see cref="DiscreteMixture"/> and <see cref="UnivariateMixture"/>.
    /// </summary>
    public double LogMixture(double value, double[] weights, TpeDensity density) =>
        Groups is not null
            ? (_discreteMixture ??= new DiscreteMixture(this, weights)).LogDensity(Distribution.ToEstimatorSpace(value))
            : (_continuousMixture ??= new UnivariateMixture(this, weights, density)).LogDensity(Distribution.ToEstimatorSpace(value));

    public double Low => Distribution.EstimatorLow;

    public double High => Distribution.EstimatorHigh;

    public double? Q => Distribution.Q;

    public double[] Mus { get; }

    public double[] Sigmas { get; }

    /// <param name="observationOrder">The observation components in ascending value order when the caller knows it (null: sort here).</param>
    public static NumericDimension Build(TpeDistribution distribution, double[] observations, int count, bool prior, double? sigmas0,
        TpeSettings settings, int[]? observationOrder)
    {
        double low = distribution.EstimatorLow, high = distribution.EstimatorHigh;
        var mus = GC.AllocateUninitializedArray<double>(count + (prior ? 1 : 0));
        for (var i = 0; i < count; i++)
        {
            mus[i] = distribution.ToEstimatorSpace(observations[i]);
        }
        if (prior)
        {
            mus[count] = 0.5 * (low + high);
        }
        var sorted = observationOrder is null ? null : WithPrior(observationOrder, mus, count, prior);
        double[] sigmas;
        if (sigmas0 is { } s0)
        {
            sigmas = GC.AllocateUninitializedArray<double>(mus.Length);
            Array.Fill(sigmas, s0 * (high - low));
        }
        else
        {
            // Without equal values every correct sort gives numpy's permutation; with them only numpy's own does, and the
            // rule reads only which components it puts at the ends of each run of equal values.
            sorted = sorted is null ? NumpyArgsort.Argsort(mus) : HasEqualNeighbours(mus, sorted) ? NumpyArgsort.RunEnds(mus, sorted) : sorted;
            sigmas = NeighbourSigmas(mus, sorted, low, high, settings.ConsiderEndpoints);
        }
        var maxSigma = 1.0 * (high - low);
        var minSigma = settings.ConsiderMagicClip ? 1.0 * (high - low) / Math.Min(100.0, 1.0 + mus.Length) : 1e-12;
        for (var i = 0; i < sigmas.Length; i++)
        {
            // numpy.clip: min(max(x, lo), hi), NaN stays NaN.
            sigmas[i] = Math.Min(Math.Max(sigmas[i], minSigma), maxSigma);
        }
        if (prior)
        {
            sigmas[count] = 1.0 * (high - low);
        }
        return new NumericDimension(distribution, mus, sigmas, sorted);
    }

    public override (double[] Draws, double[] Values) Sample(int[] active, double[] uniforms)
    {
        var draws = new double[active.Length];
        var values = new double[active.Length];
        for (var j = 0; j < active.Length; j++)
        {
            var mu = Mus[active[j]];
            var sigma = Sigmas[active[j]];
            draws[j] = TruncatedNormal.Ppf(uniforms[j], (Low - mu) / sigma, (High - mu) / sigma) * sigma + mu;
            values[j] = Distribution.FromEstimatorSpace(draws[j]);
        }
        return (draws, values);
    }

    /// <summary>ln P(cell) − ln mass of a discrete component, the same for every component of its group.</summary>
    public double DiscreteLogDensity(int component, double lower, double upper) =>
        TruncatedNormal.LogGaussMass((lower - Mus[component]) / Sigmas[component], (upper - Mus[component]) / Sigmas[component]) - LogMass(component);

    /// <summary>
    /// Every component's standardised bounds (low − μ)/σ and (high − μ)/σ into the spans, lane by lane the same IEEE
    /// operations as <see cref="LowerAt"/> and <see cref="UpperAt"/> (so the same bits).
    /// </summary>
    public void StandardisedBounds(Span<double> lower, Span<double> upper)
    {
        var i = 0;
        var (low, high) = (new Vector<double>(Low), new Vector<double>(High));
        for (; i + Vector<double>.Count <= Mus.Length; i += Vector<double>.Count)
        {
            var (mu, sigma) = (new Vector<double>(Mus, i), new Vector<double>(Sigmas, i));
            ((low - mu) / sigma).CopyTo(lower[i..]);
            ((high - mu) / sigma).CopyTo(upper[i..]);
        }
        for (; i < Mus.Length; i++)
        {
            (lower[i], upper[i]) = (LowerAt(i), UpperAt(i));
        }
    }

    /// <summary>The continuous log-density of one component at x (estimator space), Optuna 3.1's or corrected.</summary>
    public double ContinuousLogDensity(int component, double x, bool corrected)
    {
        var lp = TruncatedNormal.LogPdf((x - Mus[component]) / Sigmas[component], LowerAt(component), UpperAt(component), LogMass(component));
        return corrected ? lp - LogSigma(component) : lp;
    }

    /// <summary>
    /// The univariate rule: each component's bandwidth is the larger gap to its sorted neighbours, bounds included;
    /// without consider_endpoints the outermost components ignore their gap to the bound. The gaps of equal values
    /// go to whichever component the order puts at a run's end, hence numpy's unstable argsort (pitfall 2).
    /// </summary>
    private static double[] NeighbourSigmas(double[] mus, int[] order, double low, double high, bool considerEndpoints)
    {
        // edges = [low, sorted mus…, high]; the sorted position k has gaps edges[k+1] − edges[k] and edges[k+2] − edges[k+1].
        var n = mus.Length;
        var sigmas = GC.AllocateUninitializedArray<double>(n);
        var previous = low;
        for (var k = 0; k < n; k++)
        {
            var value = mus[order[k]];
            var next = k + 1 < n ? mus[order[k + 1]] : high;
            sigmas[order[k]] = Math.Max(value - previous, next - value);
            previous = value;
        }
        if (!considerEndpoints && n >= 2)
        {
            sigmas[order[0]] = mus[order[1]] - mus[order[0]];
            sigmas[order[n - 1]] = mus[order[n - 1]] - mus[order[n - 2]];
        }
        return sigmas;
    }

    /// <summary>The observation order with the prior (component <paramref name="count"/>) inserted at its value.</summary>
    private static int[] WithPrior(int[] order, double[] mus, int count, bool prior)
    {
        if (!prior)
        {
            return order;
        }
        int low = 0, high = order.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (mus[order[middle]] < mus[count])
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        var all = GC.AllocateUninitializedArray<int>(order.Length + 1);
        Array.Copy(order, all, low);
        all[low] = count;
        Array.Copy(order, low, all, low + 1, order.Length - low);
        return all;
    }

    private static bool HasEqualNeighbours(double[] mus, int[] order)
    {
        for (var i = 1; i < order.Length; i++)
        {
            if (mus[order[i]] == mus[order[i - 1]])
            {
                return true;
            }
        }
        return false;
    }
}
