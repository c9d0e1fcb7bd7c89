namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// A numeric parameter's components: truncated normals on [low, high] (the estimator's space) centred on the
/// observations (and the prior's centre), with Optuna 3.1's bandwidths (4.5) and densities (4.7).
/// </summary>
internal sealed class NumericDimension : ParzenDimension
{
    private readonly double[] _logMass;

    private NumericDimension(TpeDistribution distribution, double[] mus, double[] sigmas)
        : base(distribution)
    {
        Mus = mus;
        Sigmas = sigmas;
        _logMass = new double[mus.Length];
        for (var i = 0; i < mus.Length; i++)
        {
            _logMass[i] = TruncatedNormal.LogGaussMass((Low - mus[i]) / sigmas[i], (High - mus[i]) / sigmas[i]);
        }
    }

    public double Low => Distribution.EstimatorLow;

    public double High => Distribution.EstimatorHigh;

    public double? Q => Distribution.Q;

    public double[] Mus { get; }

    public double[] Sigmas { get; }

    public static NumericDimension Build(TpeDistribution distribution, double[] observations, int count, bool prior, double? sigmas0,
        TpeSettings settings)
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
        var sigmas = sigmas0 is { } s0 ? Enumerable.Repeat(s0 * (high - low), mus.Length).ToArray() : NeighbourSigmas(mus, low, high, settings.ConsiderEndpoints);
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
        return new NumericDimension(distribution, mus, sigmas);
    }

    /// <summary>
    /// The univariate rule: each component's bandwidth is the larger gap to its sorted neighbours, bounds included;
    /// without consider_endpoints the outermost components ignore their gap to the bound. Sorted with numpy's
    /// unstable argsort, because the neighbour gaps of equal values go to whichever component it puts at a run's end.
    /// </summary>
    private static double[] NeighbourSigmas(double[] mus, double low, double high, bool considerEndpoints)
    {
        var order = NumpyArgsort.Argsort(mus);
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

    public override void AddLogDensities(double value, TpeDensity density, double[] row)
    {
        var x = Distribution.ToEstimatorSpace(value);
        if (Q is { } q)
        {
            var upper = Math.Min(x + q / 2.0, High);
            var lower = Math.Max(x - q / 2.0, Low);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] += TruncatedNormal.LogGaussMass((lower - Mus[i]) / Sigmas[i], (upper - Mus[i]) / Sigmas[i]) - _logMass[i];
            }
            return;
        }
        for (var i = 0; i < row.Length; i++)
        {
            var sigma = Sigmas[i];
            var lp = TruncatedNormal.LogPdf((x - Mus[i]) / sigma, (Low - Mus[i]) / sigma, (High - Mus[i]) / sigma, _logMass[i]);
            row[i] += density == TpeDensity.Optuna31 ? lp : lp - Math.Log(sigma);
        }
    }
}
