namespace HyperSweep.Search.Replay;

/// <summary>The 25th percentile, median and 75th percentile of some values (numpy's default linear interpolation).</summary>
public sealed record Quartiles(double P25, double Median, double P75)
{
    public static Quartiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? new(double.NaN, double.NaN, double.NaN) : new(Percentile(sorted, 25), Percentile(sorted, 50), Percentile(sorted, 75));
    }

    /// <summary>numpy.percentile(values, q): rank (n−1)·q/100, interpolated between its neighbours.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        var rank = (sorted.Count - 1) * q / 100.0;
        var i = (int)Math.Floor(rank);
        return i >= sorted.Count - 1 ? sorted[^1] : sorted[i] + (sorted[i + 1] - sorted[i]) * (rank - i);
    }
}
