namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// Optuna 3.1's <c>_ParzenEstimator</c> (TPE-TRACES.md 4.5-4.7): a mixture with one component per observation
/// (trial-number order) plus the prior, each component a product over the estimator's parameters of truncated
/// normals (numeric) and smoothed choice frequencies (categorical). Built once per decision, then asked for
/// candidates (<see cref="Sample"/>) and log-densities (<see cref="LogPdf"/>).
/// </summary>
internal sealed class ParzenEstimator
{
    private ParzenEstimator(IReadOnlyList<TpeDistribution> space, int observations, bool prior, double[] weights, double? sigmas0,
        IReadOnlyList<ParzenDimension> dimensions)
    {
        Space = space;
        ObservationCount = observations;
        HasPrior = prior;
        Weights = weights;
        Sigmas0 = sigmas0;
        Dimensions = dimensions;
    }

    public IReadOnlyList<TpeDistribution> Space { get; }

    /// <summary>m: the observations (components 0..m-1); the prior, when present, is component m.</summary>
    public int ObservationCount { get; }

    public bool HasPrior { get; }

    public int ComponentCount => Weights.Length;

    /// <summary>Normalised mixture weights, one per component.</summary>
    public double[] Weights { get; }

    /// <summary>The multivariate bandwidth factor 0.2·max(m, 1)^(−1/(P+4)), or null for the univariate neighbour rule.</summary>
    public double? Sigmas0 { get; }

    public IReadOnlyList<ParzenDimension> Dimensions { get; }

    /// <summary>
    /// Builds the estimator of <paramref name="observations"/> ([parameter][component], internal representation,
    /// trial-number order) over <paramref name="space"/>. <paramref name="jointBandwidth"/> selects the multivariate
    /// bandwidth rule (also used for a parameter sampled on its own in a multivariate study).
    /// </summary>
    /// <param name="orders">Per parameter, the observation components in ascending value order when known (else null).</param>
    /// <param name="weights">The <see cref="NormalisedWeights"/> of these settings and count when the caller has them.</param>
    public static ParzenEstimator Build(IReadOnlyList<TpeDistribution> space, IReadOnlyList<double[]> observations, int count,
        TpeSettings settings, bool jointBandwidth, IReadOnlyList<int[]?>? orders = null, double[]? weights = null)
    {
        var prior = PriorIn(settings, count);
        weights ??= NormalisedWeights(settings, count);
        double? sigmas0 = jointBandwidth ? 0.2 * Math.Pow(Math.Max(count, 1), -1.0 / (space.Count + 4)) : null;
        var dimensions = new ParzenDimension[space.Count];
        for (var d = 0; d < space.Count; d++)
        {
            dimensions[d] = space[d].IsCategorical
                ? CategoricalDimension.Build(space[d], observations[d], count, prior, settings.PriorWeight)
                : NumericDimension.Build(space[d], observations[d], count, prior, sigmas0, settings, orders?[d]);
        }
        return new ParzenEstimator(space, count, prior, weights, sigmas0, dimensions);
    }

    /// <summary>Whether the estimator of <paramref name="count"/> observations has the prior component (4.5).</summary>
    public static bool PriorIn(TpeSettings settings, int count) => settings.ConsiderPrior || count == 0;

    /// <summary>The mixture weights of <paramref name="count"/> observations (and the prior), normalised as numpy sums them.</summary>
    public static double[] NormalisedWeights(TpeSettings settings, int count)
    {
        var prior = PriorIn(settings, count);
        var raw = settings.Weights.Of(count);
        var weights = GC.AllocateUninitializedArray<double>(count + (prior ? 1 : 0));
        Array.Copy(raw, weights, count);
        if (prior)
        {
            weights[count] = settings.PriorWeight;
        }
        var total = NumpySum.Sum(weights);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= total;
        }
        return weights;
    }

    /// <summary>
    /// Candidates from the recorded (or freshly drawn) component choices and uniforms (4.6): for each parameter the
    /// draw in the estimator's space (NaN for categoricals) and the internal value.
    /// </summary>
    public (double[][] Draws, double[][] Values) Sample(int[] active, IReadOnlyList<double[]> uniforms)
    {
        var draws = new double[Dimensions.Count][];
        var values = new double[Dimensions.Count][];
        for (var d = 0; d < Dimensions.Count; d++)
        {
            (draws[d], values[d]) = Dimensions[d].Sample(active, uniforms[d]);
        }
        return (draws, values);
    }

    /// <summary>numpy's <c>rng.choice(len(weights), count, p=weights)</c> given the uniforms: cdf ≤ u counts.</summary>
    public int[] ChooseComponents(ReadOnlySpan<double> uniforms)
    {
        var cdf = new double[Weights.Length];
        var running = 0.0;
        for (var i = 0; i < cdf.Length; i++)
        {
            running += Weights[i];
            cdf[i] = running;
        }
        var last = cdf[^1];
        for (var i = 0; i < cdf.Length; i++)
        {
            cdf[i] /= last;
        }
        var active = new int[uniforms.Length];
        for (var j = 0; j < uniforms.Length; j++)
        {
            var index = 0;
            while (index < cdf.Length && cdf[index] <= uniforms[j])
            {
                index++;
            }
            active[j] = Math.Min(index, cdf.Length - 1);
        }
        return active;
    }

    /// <summary>log p(x) of each candidate ([parameter][candidate], internal representation).</summary>
    public double[] LogPdf(IReadOnlyList<double[]> candidates, TpeDensity density)
    {
        var count = candidates[0].Length;
        var result = new double[count];
        if (Dimensions is [CategoricalDimension single])
        {
            // Optuna's shortcut for a lone categorical: ln Σ_i w_i·cw[i][x] (equal to the general formula up to rounding),
            // computed once per distinct choice among the candidates.
            var byChoice = new Dictionary<int, double>();
            for (var j = 0; j < count; j++)
            {
                var choice = (int)candidates[0][j];
                if (!byChoice.TryGetValue(choice, out var logProbability))
                {
                    byChoice[choice] = logProbability = Math.Log(single.MixtureProbability(choice, Weights));
                }
                result[j] = logProbability;
            }
            return result;
        }
        if (Dimensions is [NumericDimension numeric])
        {
            var byValue = new Dictionary<double, double>();
            for (var j = 0; j < count; j++)
            {
                var value = candidates[0][j];
                if (!byValue.TryGetValue(value, out var logDensity))
                {
                    byValue[value] = logDensity = numeric.LogMixture(value, Weights, density);
                }
                result[j] = logDensity;
            }
            return result;
        }
        return new JointMixture(this, density).LogDensities(Dimensions, candidates);
    }
}
