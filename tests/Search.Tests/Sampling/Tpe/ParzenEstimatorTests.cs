using HyperSweep.Search.Sampling.Tpe;

namespace HyperSweep.Search.Tests.Sampling.Tpe;

/// <summary>
/// Estimator rules the traces exercise only in parts (TPE-TRACES.md 4.5), and the one-parameter shortcuts
/// (<c>UnivariateMixture</c>) against the component-by-component sum on histories far larger than any trace.
/// </summary>
public sealed class ParzenEstimatorTests
{
    [Fact]
    public void WithoutAPriorCategoricalRowsAreStillSmoothedByPriorWeightOverM()
    {
        var estimator = ParzenEstimator.Build([TpeDistribution.Categorical(3)], [[0, 2]], 2,
            new TpeSettings { ConsiderPrior = false, PriorWeight = 0.5 }, jointBandwidth: false);
        var rows = (CategoricalDimension)estimator.Dimensions[0];
        Assert.False(estimator.HasPrior);
        Assert.Equal([0.5, 0.5], estimator.Weights);
        Assert.Equal([1.25 / 1.75, 0.25 / 1.75, 0.25 / 1.75], rows.Row(0));
        Assert.Equal([0.25 / 1.75, 0.25 / 1.75, 1.25 / 1.75], rows.Row(1));
    }

    [Fact]
    public void AnEmptyEstimatorIsThePriorAlone()
    {
        var estimator = ParzenEstimator.Build([TpeDistribution.Float(-2, 2)], [[]], 0, new TpeSettings { ConsiderPrior = false }, jointBandwidth: false);
        var numeric = (NumericDimension)estimator.Dimensions[0];
        Assert.True(estimator.HasPrior);
        Assert.Equal([0.0], numeric.Mus);
        Assert.Equal([4.0], numeric.Sigmas);
    }

    [Fact]
    public void TheMultivariateBandwidthCountsEveryParameterOfTheSpaceCategoricalsIncluded()
    {
        var space = new[] { TpeDistribution.Float(0, 1), TpeDistribution.Categorical(2) };
        // Without the magic clip (which would lift σ to (high − low)/(1 + 4) here), σ = sigmas0·(high − low).
        var estimator = ParzenEstimator.Build(space, [[0.2, 0.4, 0.9], [0, 1, 1]], 3, new TpeSettings { ConsiderMagicClip = false }, jointBandwidth: true);
        Assert.Equal(0.2 * Math.Pow(3, -1.0 / (2 + 4)), estimator.Sigmas0);
        var sigma = 0.2 * Math.Pow(3, -1.0 / 6) * (1.0 - 0.0);
        Assert.Equal([sigma, sigma, sigma, 1.0], ((NumericDimension)estimator.Dimensions[0]).Sigmas);
    }

    [Fact]
    public void IntLogUsesTheContinuousDensityInLogSpace()
    {
        var distribution = TpeDistribution.Int(1, 64, log: true);
        Assert.Null(distribution.Q);
        Assert.Equal(Math.Log(0.5), distribution.EstimatorLow);
        Assert.Equal(Math.Log(64.5), distribution.EstimatorHigh);
        Assert.Equal(8.0, distribution.FromEstimatorSpace(Math.Log(8.2)));
    }

    public static TheoryData<string, bool> LargeEstimators() => new()
    {
        { "float", false }, { "float", true }, { "log", false }, { "step", false }, { "int", false }, { "intlog", false }, { "intlog", true },
    };

    [Theory]
    [MemberData(nameof(LargeEstimators))]
    public void OneParameterShortcutsAgreeWithTheComponentSum(string kind, bool corrected)
    {
        var distribution = kind switch
        {
            "float" => TpeDistribution.Float(-3, 7),
            "log" => TpeDistribution.Float(1e-4, 10, log: true),
            "step" => TpeDistribution.Float(0, 2, 0.25),
            "int" => TpeDistribution.Int(0, 40, 4),
            _ => TpeDistribution.Int(1, 300, log: true),
        };
        var random = new Random(kind.Length * 7 + (corrected ? 1 : 0));
        var observations = Enumerable.Range(0, 5000).Select(_ => distribution.FromEstimatorSpace(
            distribution.EstimatorLow + random.NextDouble() * (distribution.EstimatorHigh - distribution.EstimatorLow))).ToArray();
        var density = corrected ? TpeDensity.Corrected : TpeDensity.Optuna31;
        var estimator = ParzenEstimator.Build([distribution], [observations], observations.Length, new TpeSettings(), jointBandwidth: false);
        var numeric = (NumericDimension)estimator.Dimensions[0];
        var candidates = Enumerable.Range(0, 24).Select(_ => observations[random.Next(observations.Length)]).ToArray();

        var fast = estimator.LogPdf([candidates], density);

        for (var j = 0; j < candidates.Length; j++)
        {
            var x = distribution.ToEstimatorSpace(candidates[j]);
            var terms = Enumerable.Range(0, estimator.ComponentCount).Select(i => Math.Log(estimator.Weights[i]) + (numeric.Q is { } q
                ? numeric.DiscreteLogDensity(i, Math.Max(x - q / 2, numeric.Low), Math.Min(x + q / 2, numeric.High))
                : numeric.ContinuousLogDensity(i, x, corrected))).ToArray();
            var max = terms.Max();
            var exact = Math.Log(terms.Sum(t => Math.Exp(t - max))) + max;
            Assert.Equal(exact, fast[j], 1e-12 * Math.Max(1, Math.Abs(exact)));
        }
    }
}
