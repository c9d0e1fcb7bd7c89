namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// log Σ_i w_i p_i(x) for a one-parameter discrete estimator (float with step, int without log): p_i depends only on
/// the component's (μ, σ), so the sum is Σ_g W_g p_g(x) over the groups of equal (μ, σ) with W_g the group's total
/// weight — one density per group (a few dozen, not 10,000). Optuna's sum taken in another order: it agrees with
/// the component-by-component evaluation to rounding (ParzenEstimatorTests).
/// </summary>
internal sealed class DiscreteMixture
{
    private readonly NumericDimension _dimension;
    private readonly double[] _groupLogWeights;
    private readonly double[] _terms;

    public DiscreteMixture(NumericDimension dimension, double[] weights)
    {
        _dimension = dimension;
        var groups = dimension.Groups!;
        var groupWeights = new double[groups.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            groupWeights[groups.Of[i]] += weights[i];
        }
        _groupLogWeights = groupWeights.Select(w => Math.Log(w)).ToArray();
        _terms = new double[groups.Count];
    }

    /// <summary>The mixture's log-density at <paramref name="x"/> (estimator space).</summary>
    public double LogDensity(double x)
    {
        var groups = _dimension.Groups!;
        var q = _dimension.Q!.Value;
        double lower = Math.Max(x - q / 2.0, _dimension.Low), upper = Math.Min(x + q / 2.0, _dimension.High);
        var max = double.NegativeInfinity;
        for (var g = 0; g < groups.Count; g++)
        {
            _terms[g] = _dimension.DiscreteLogDensity(groups.First[g], lower, upper) + _groupLogWeights[g];
            max = double.IsNaN(_terms[g]) || _terms[g] > max ? _terms[g] : max;
        }
        return LogSumExp.Of(_terms, max);
    }
}
