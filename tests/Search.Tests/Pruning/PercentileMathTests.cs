using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Tests.Pruning;

/// <summary>numpy 1.24 nanpercentile vectors given in TRACES.md §4.</summary>
public sealed class PercentileMathTests
{
    [Theory]
    [InlineData(new[] { 3.0, 1.0, double.NaN, 2.0, 10.0 }, 25.0, 1.75)]
    [InlineData(new[] { 3.0, 1.0, double.NaN, 2.0, 10.0 }, 75.0, 4.75)]
    [InlineData(new[] { 0.5 }, 50.0, 0.5)]
    [InlineData(new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 }, 100.0 - 33.3, 0.5002000000000001)]
    public void MatchesNumpy(double[] values, double percentile, double expected)
    {
        var summary = new StepSummary();
        foreach (var value in values)
        {
            summary.Add(value);
        }
        Assert.Equal(expected, summary.Percentile(percentile));
        Assert.Equal(values.Length, summary.Count);
    }

    [Fact]
    public void AllNaNGivesNaN()
    {
        var summary = new StepSummary();
        summary.Add(double.NaN);
        Assert.True(double.IsNaN(summary.Percentile(50)));
    }

    [Fact]
    public void ExcludingOneValueIsThePercentileOfTheRest()
    {
        var summary = new StepSummary();
        foreach (var value in new[] { 5.0, 1.0, 3.0, 3.0, 9.0 })
        {
            summary.Add(value);
        }
        var rest = new StepSummary();
        foreach (var value in new[] { 5.0, 1.0, 3.0, 9.0 })
        {
            rest.Add(value);
        }
        Assert.Equal(rest.Percentile(40), summary.Percentile(40, excluded: 3.0));
    }
}
