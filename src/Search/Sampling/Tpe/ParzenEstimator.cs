namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// Optuna 3.1's <c>_ParzenEstimator</c> (TPE-TRACES.md 4.5-4.7): a mixture with one component per observation
/// (trial-number order) plus the prior, each component a product over the estimator's parameters of truncated
/// normals (numeric) and smoothed choice frequencies (categorical). Built once per decision, then asked for
/// candidates (<see cref="Sample"/>) and log-densities (<see cref="LogPdf"/>).
/// </summary>
internal sealed class ParzenEstimator
{
    /// <summary>Components per block of a joint density evaluation (a block's parameters stay in cache across candidates).</summary>
    private const int JointBlock = 256;

    private double[]? _logWeights;

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

    /// <summary>ln of each weight (computed on first use: one-parameter estimators never need them all).</summary>
    public double[] LogWeights => _logWeights ??= Weights.Select(w => Math.Log(w)).ToArray();

    /// <summary>The multivariate bandwidth factor 0.2·max(m, 1)^(−1/(P+4)), or null for the univariate neighbour rule.</summary>
    public double? Sigmas0 { get; }

    public IReadOnlyList<ParzenDimension> Dimensions { get; }

    /// <summary>
    /// Builds the estimator of <paramref name="observations"/> ([parameter][component], internal representation,
    /// trial-number order) over <paramref name="space"/>. <paramref name="jointBandwidth"/> selects the multivariate
    /// bandwidth rule (also used for a parameter sampled on its own in a multivariate study).
    /// </summary>
    /// <param name="orders">Per parameter, the observation components in ascending value order when known (else null).</param>
    public static ParzenEstimator Build(IReadOnlyList<TpeDistribution> space, IReadOnlyList<double[]> observations, int count,
        TpeSettings settings, bool jointBandwidth, IReadOnlyList<int[]?>? orders = null)
    {
        var prior = settings.ConsiderPrior || count == 0;
        var raw = settings.Weights.Of(count);
        var weights = new double[count + (prior ? 1 : 0)];
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
        // Joint: components in blocks, every candidate per block, so each block's parameters stay in cache for all
        // candidates. Each candidate's terms are numpy's, in component order: Σ_params ln p + ln w.
        var prepared = new PreparedCandidate[Dimensions.Count][];
        for (var d = 0; d < Dimensions.Count; d++)
        {
            prepared[d] = candidates[d].Select(value => Dimensions[d].Prepare(value, density)).ToArray();
        }
        var terms = new double[count][];
        for (var j = 0; j < count; j++)
        {
            terms[j] = new double[ComponentCount];
        }
        var logWeights = LogWeights;
        for (var start = 0; start < ComponentCount; start += JointBlock)
        {
            var length = Math.Min(JointBlock, ComponentCount - start);
            for (var j = 0; j < count; j++)
            {
                var row = terms[j].AsSpan(start, length);
                for (var d = 0; d < Dimensions.Count; d++)
                {
                    Dimensions[d].AddBlock(prepared[d][j], row, start);
                }
                for (var k = 0; k < length; k++)
                {
                    row[k] += logWeights[start + k];
                }
            }
        }
        var negligible = NegligibleTerms.LogRatio(ComponentCount);
        for (var j = 0; j < count; j++)
        {
            var row = terms[j];
            var max = double.NegativeInfinity;
            foreach (var term in row)
            {
                max = double.IsNaN(term) || term > max ? term : max;
            }
            for (var i = 0; i < row.Length; i++)
            {
                // Negligible terms are left out as 0, which keeps numpy's summation tree.
                var shifted = row[i] - max;
                row[i] = shifted < negligible ? 0.0 : Math.Exp(shifted);
            }
            result[j] = Math.Log(NumpySum.Sum(row)) + max;
        }
        return result;
    }
}
