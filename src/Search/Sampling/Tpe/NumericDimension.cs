namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// A numeric parameter's components: truncated normals on [low, high] (the estimator's space) centred on the
/// observations (and the prior's centre), with Optuna 3.1's bandwidths (4.5) and densities (4.7).
/// </summary>
/// <remarks>
/// Cost: a component's log mass and standardised bounds are computed once, when first needed (a one-parameter
/// estimator needs them only for the components near the candidates, <see cref="UnivariateMixture"/>); a continuous
/// term is then a few SIMD operations (<see cref="ContinuousTerms"/>). A discrete density depends only on a
/// component's (μ, σ), and a discrete parameter's observations repeat, so it is computed once per distinct pair.
/// </remarks>
internal sealed class NumericDimension : ParzenDimension
{
    private double[]? _logMass;
    private double[]? _logSigma;
    private double[]? _lower;
    private double[]? _upper;
    private bool _allLogMasses;
    private UnivariateMixture? _mixture;

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
    /// univariate shortcuts of <see cref="UnivariateMixture"/>.
    /// </summary>
    public double LogMixture(double value, double[] weights, TpeDensity density) =>
        (_mixture ??= new UnivariateMixture(this, weights, density)).LogDensity(Distribution.ToEstimatorSpace(value));

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
        var mus = new double[count + (prior ? 1 : 0)];
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
            sigmas = Enumerable.Repeat(s0 * (high - low), mus.Length).ToArray();
        }
        else
        {
            // Without equal values every correct sort gives numpy's permutation; with them only numpy's own does.
            sorted = sorted is not null && !HasEqualNeighbours(mus, sorted) ? sorted : NumpyArgsort.Argsort(mus);
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

    public override PreparedCandidate Prepare(double value, TpeDensity density)
    {
        var x = Distribution.ToEstimatorSpace(value);
        if (Q is not { } q)
        {
            return new PreparedCandidate(x, density == TpeDensity.Corrected, null);
        }
        // A discrete density depends only on the component's (μ, σ): one evaluation per group.
        var (lower, upper) = (Math.Max(x - q / 2.0, Low), Math.Min(x + q / 2.0, High));
        var perGroup = new double[Groups!.Count];
        for (var g = 0; g < perGroup.Length; g++)
        {
            perGroup[g] = DiscreteLogDensity(Groups.First[g], lower, upper);
        }
        return new PreparedCandidate(x, false, perGroup);
    }

    public override void AddBlock(PreparedCandidate candidate, Span<double> row, int start)
    {
        if (candidate.Table is { } perGroup)
        {
            for (var k = 0; k < row.Length; k++)
            {
                row[k] += perGroup[Groups!.Of[start + k]];
            }
            return;
        }
        AddContinuous(candidate.X, candidate.Corrected, row, start);
    }

    /// <summary>ln P(cell) − ln mass of a discrete component, the same for every component of its group.</summary>
    public double DiscreteLogDensity(int component, double lower, double upper) =>
        TruncatedNormal.LogGaussMass((lower - Mus[component]) / Sigmas[component], (upper - Mus[component]) / Sigmas[component]) - LogMass(component);

    /// <summary>Adds the continuous log-densities at x of components start … start + row.Length − 1 (<see cref="ContinuousTerms"/>).</summary>
    private void AddContinuous(double x, bool corrected, Span<double> row, int start)
    {
        var logSigma = corrected ? (_logSigma ??= Sigmas.Select(s => Math.Log(s)).ToArray()).AsSpan(start, row.Length) : default;
        // The standardised bounds do not depend on x: computed once for every candidate.
        var lower = (_lower ??= Enumerable.Range(0, Mus.Length).Select(LowerAt).ToArray()).AsSpan(start, row.Length);
        var upper = (_upper ??= Enumerable.Range(0, Mus.Length).Select(UpperAt).ToArray()).AsSpan(start, row.Length);
        ContinuousTerms.Add(x, Mus.AsSpan(start, row.Length), Sigmas.AsSpan(start, row.Length), lower, upper,
            AllLogMasses().AsSpan(start, row.Length), corrected, logSigma, row);
    }

    /// <summary>The continuous log-density of one component at x (estimator space), Optuna 3.1's or corrected.</summary>
    public double ContinuousLogDensity(int component, double x, bool corrected)
    {
        var lp = TruncatedNormal.LogPdf((x - Mus[component]) / Sigmas[component], LowerAt(component), UpperAt(component), LogMass(component));
        return corrected ? lp - LogSigma(component) : lp;
    }

    private double[] AllLogMasses()
    {
        if (!_allLogMasses)
        {
            for (var i = 0; i < Mus.Length; i++)
            {
                LogMass(i);
            }
            _allLogMasses = true;
        }
        return _logMass!;
    }

    /// <summary>
    /// The univariate rule: each component's bandwidth is the larger gap to its sorted neighbours, bounds included;
    /// without consider_endpoints the outermost components ignore their gap to the bound. The gaps of equal values
    /// go to whichever component the order puts at a run's end, hence numpy's unstable argsort (pitfall 2).
    /// </summary>
    private static double[] NeighbourSigmas(double[] mus, int[] order, double low, double high, bool considerEndpoints)
    {
        var edges = new double[mus.Length + 2];
        edges[0] = low;
        for (var i = 0; i < mus.Length; i++)
        {
            edges[i + 1] = mus[order[i]];
        }
        edges[^1] = high;
        var sorted = new double[mus.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = Math.Max(edges[i + 1] - edges[i], edges[i + 2] - edges[i + 1]);
        }
        if (!considerEndpoints && edges.Length >= 4)
        {
            sorted[0] = edges[2] - edges[1];
            sorted[^1] = edges[^2] - edges[^3];
        }
        var sigmas = new double[mus.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sigmas[order[i]] = sorted[i];
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
        var all = new int[order.Length + 1];
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
