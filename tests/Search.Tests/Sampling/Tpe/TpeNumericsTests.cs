using System.Text.Json;
using HyperSweep.Search.Sampling.Tpe;

namespace HyperSweep.Search.Tests.Sampling.Tpe;

/// <summary>The pieces of TPE-TRACES.md sections 1, 4 and 5 with the check values the document gives.</summary>
public sealed class TpeNumericsTests
{
    [Fact]
    public void NumpysArgsortIsUnstableOnSeventeenEqualValues()
    {
        Assert.Equal([0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16], NumpyArgsort.Argsort(Enumerable.Repeat(1.0, 17).ToArray()));
        Assert.Equal(Enumerable.Range(0, 16), NumpyArgsort.Argsort(Enumerable.Repeat(1.0, 16).ToArray()));
    }

    [Fact]
    public void NumpysArgsortMatchesNumpyOnTieHeavyArrays()
    {
        // numpy-argsort-cases.json: np.argsort of arrays of 17 to 2,000 values (ties from 1 to 30 distinct values,
        // and one without ties), computed with numpy 1.24.2, the version the traces were recorded with.
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Search.Tests", "Sampling", "Tpe", "numpy-argsort-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var @case in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var values = @case.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(@case.GetProperty("argsort").EnumerateArray().Select(v => v.GetInt32()), NumpyArgsort.Argsort(values));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1000)]
    public void NumpysArgsortSortsTieHeavyArrays(int length)
    {
        var random = new Random(length);
        var values = Enumerable.Range(0, length).Select(_ => (double)random.Next(5)).ToArray();
        var order = NumpyArgsort.Argsort(values);
        Assert.Equal(Enumerable.Range(0, length), order.Order());
        Assert.Equal(values.Order(), order.Select(i => values[i]));
    }

    [Fact]
    public void DefaultWeightsRampOlderObservationsDownBeyondTwentyFive()
    {
        Assert.Equal(Enumerable.Repeat(1.0, 24), TpeWeights.Default.Of(24));
        Assert.Equal([1.0 / 27, 1.0, 1.0], TpeWeights.Default.Of(27).Take(3));
        Assert.Equal([1.0 / 28, 0.5178571428571429, 1.0], TpeWeights.Default.Of(28).Take(3));
        Assert.Equal(Enumerable.Repeat(1.0, 30), TpeWeights.Uniform.Of(30));
    }

    [Theory]
    [InlineData("default", 0, 0)]
    [InlineData("default", 10, 1)]
    [InlineData("default", 11, 2)]
    [InlineData("default", 1000, 25)]
    [InlineData("hyperopt", 16, 1)]
    [InlineData("hyperopt", 17, 2)]
    [InlineData("hyperopt", 100_000, 25)]
    [InlineData("quarter_plus1_cap10", 0, 1)]
    [InlineData("quarter_plus1_cap10", 7, 2)]
    [InlineData("quarter_plus1_cap10", 100, 10)]
    [InlineData("p15_plus2_cap12", 0, 2)]
    [InlineData("p15_plus2_cap12", 20, 5)]
    [InlineData("p15_plus2_cap12", 100, 12)]
    public void GammaRulesMatchTheirFormulas(string name, int n, int expected) => Assert.Equal(expected, TpeGamma.Named(name).Of(n));

    [Fact]
    public void TheTruncatedLogDensityMissesLogSigmaAsInOptuna31()
    {
        // N(0.5, 0.1) truncated to [0, 1] at x = 0.3: z = −2, a = −5, b = 5 (TPE-TRACES.md 4.7).
        var logMass = TruncatedNormal.LogGaussMass(-5, 5);
        Assert.Equal(-2.9189379599013647, TruncatedNormal.LogPdf(-2, -5, 5, logMass), 15);
        Assert.Equal(-0.6163528669073193, TruncatedNormal.LogPdf(-2, -5, 5, logMass) - Math.Log(0.1), 15);
    }

    [Fact]
    public void TheLogNormalCdfUsesItsAsymptoticSeriesInTheFarTail()
    {
        Assert.Equal(Math.Log(0.5), TruncatedNormal.LogNdtr(0), 15);
        // ln Φ(−30) = −454.32... (the series), continuous with ln Φ near −20 (the direct branch).
        Assert.InRange(TruncatedNormal.LogNdtr(-30), -454.33, -454.32);
        Assert.InRange(TruncatedNormal.LogNdtr(-20.0000001) - TruncatedNormal.LogNdtr(-19.9999999), -1e-5, 0);
    }

    [Fact]
    public void TheQuantileInvertsTheTruncatedCdf()
    {
        foreach (var (q, a, b) in new[] { (0.3, -1.0, 2.0), (0.9, 0.5, 4.0), (0.01, -50.0, -49.0) })
        {
            var x = TruncatedNormal.Ppf(q, a, b);
            var cdf = Math.Exp(TruncatedNormal.LogGaussMass(a, x) - TruncatedNormal.LogGaussMass(a, b));
            Assert.Equal(q, cdf, 9);
        }
        Assert.Equal(-1.0, TruncatedNormal.Ppf(0, -1, 2));
        Assert.Equal(2.0, TruncatedNormal.Ppf(1, -1, 2));
        Assert.True(double.IsNaN(TruncatedNormal.Ppf(0.5, 1, 1)));
    }

    [Fact]
    public void NumpySumAddsPairwiseInBlocksOfEight()
    {
        var values = Enumerable.Range(1, 300).Select(i => 1.0 / i).ToArray();
        Assert.Equal(values.Sum(), NumpySum.Sum(values), 12);
        Assert.Equal(0.0, NumpySum.Sum([]));
    }
}
