namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// numpy's float64 summation (pairwise, eight accumulators per block of up to 128 values), used where Optuna
/// calls <c>sum</c>: normalising mixture weights and the log-sum-exp of a density. Summing in the same tree keeps
/// our weights and densities on Optuna's last bits, so exact ties (TPE-TRACES.md 7.3) break the same way.
/// </summary>
internal static class NumpySum
{
    private const int BlockSize = 128;

    /// <summary>The sum of <paramref name="values"/> as numpy 1.24 computes <c>values.sum()</c> for a contiguous array.</summary>
    public static double Sum(ReadOnlySpan<double> values) => values.Length == 0 ? 0.0 : Pairwise(values);

    private static double Pairwise(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += a[i];
            }
            return sum;
        }
        if (n <= BlockSize)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            var i = 8;
            for (; i < n - n % 8; i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                result += a[i];
            }
            return result;
        }
        var half = n / 2;
        half -= half % 8;
        return Pairwise(a[..half]) + Pairwise(a[half..]);
    }
}
