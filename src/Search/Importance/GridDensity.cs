namespace HyperSweep.Search.Importance;

/// <summary>
/// A Parzen estimate of where a set of trials put one parameter, over its <see cref="DomainGrid"/> cells. Numeric:
/// a Gaussian kernel per occupied cell (weighted by its count) with Scott's rule bandwidth (PED-ANOVA's choice: TPE's
/// bandwidths are too wide for this), plus one broad prior kernel, each discretised and normalised over the cells.
/// Categorical: counts smoothed by the prior spread evenly over the choices.
/// </summary>
internal static class GridDensity
{
    /// <summary>The smallest bandwidth, in cells: 1.64 σ (90 %) of a kernel still covers half a cell.</summary>
    private const double MinimumSigma = 0.5 / 1.64;

    public static double[] Estimate(int[] counts, bool categorical, double priorWeight)
    {
        var n = counts.Length;
        double total = counts.Sum();
        var density = new double[n];
        if (categorical)
        {
            for (var c = 0; c < n; c++)
            {
                density[c] = (counts[c] + (priorWeight / n)) / (total + priorWeight);
            }

            return density;
        }

        var sigma = Math.Max(ScottBandwidth(counts, total), MinimumSigma);
        for (var cell = 0; cell < n; cell++)
        {
            if (counts[cell] > 0)
            {
                AddKernel(density, cell, sigma, counts[cell] / (total + priorWeight));
            }
        }

        AddKernel(density, (n - 1) / 2.0, n, priorWeight / (total + priorWeight));
        return density;
    }

    /// <summary>Scott's rule on the cell indices: 1.059 · min(IQR / 1.34, standard deviation) · N^(-1/5).</summary>
    private static double ScottBandwidth(int[] counts, double total)
    {
        if (total < 2)
        {
            return 0;
        }

        double mean = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            mean += c * counts[c] / total;
        }

        double squares = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            squares += counts[c] * (c - mean) * (c - mean);
        }

        var deviation = Math.Sqrt(squares / (total - 1));
        var interquartile = Quantile(counts, total, 0.75) - Quantile(counts, total, 0.25);
        var spread = interquartile > 0 ? Math.Min(interquartile / 1.34, deviation) : deviation;
        return 1.059 * spread * Math.Pow(total, -0.2);
    }

    /// <summary>The cell at which the cumulative count reaches <paramref name="q"/> of the total.</summary>
    private static int Quantile(int[] counts, double total, double q)
    {
        double seen = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            seen += counts[c];
            if (seen >= q * total)
            {
                return c;
            }
        }

        return counts.Length - 1;
    }

    /// <summary>Adds <paramref name="weight"/> × a Gaussian at <paramref name="center"/>, discretised and normalised over the cells.</summary>
    private static void AddKernel(double[] density, double center, double sigma, double weight)
    {
        var kernel = new double[density.Length];
        for (var cell = 0; cell < density.Length; cell++)
        {
            var z = (cell - center) / sigma;
            kernel[cell] = Math.Exp(-0.5 * z * z);
        }

        var sum = kernel.Sum();
        for (var cell = 0; cell < density.Length; cell++)
        {
            density[cell] += weight * kernel[cell] / sum;
        }
    }
}
