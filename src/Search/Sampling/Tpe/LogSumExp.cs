using System.Numerics;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// ln Σ exp(t_i) as ln Σ exp(t_i − max) + max, the exponentials in SIMD lanes (<see cref="Vector.Exp(Vector{double})"/>,
/// within 2 ulp of the C library's exp on this range) summed in 4·lanes running sums, so each sum is sequential
/// over at most n/16 terms: a relative error below (n/16 + 8)·2⁻⁵³, 1.5e-14 for 2,000 terms, against numpy's
/// pairwise ~1e-16 — far inside the parity tolerance (1e-9) either way.
/// </summary>
internal static class LogSumExp
{
    /// <param name="max">The largest term (NaN when a term is NaN).</param>
    public static double Of(ReadOnlySpan<double> terms, double max)
    {
        if (double.IsNaN(max) || double.IsNegativeInfinity(max))
        {
            // A NaN term, or only −∞ terms: numpy's exp(t − max) is NaN for both.
            return double.NaN;
        }
        var width = Vector<double>.Count;
        var shift = new Vector<double>(max);
        var (s0, s1, s2, s3) = (Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero);
        var i = 0;
        for (; i + 4 * width <= terms.Length; i += 4 * width)
        {
            s0 += Vector.Exp(new Vector<double>(terms[i..]) - shift);
            s1 += Vector.Exp(new Vector<double>(terms[(i + width)..]) - shift);
            s2 += Vector.Exp(new Vector<double>(terms[(i + 2 * width)..]) - shift);
            s3 += Vector.Exp(new Vector<double>(terms[(i + 3 * width)..]) - shift);
        }
        for (; i + width <= terms.Length; i += width)
        {
            s0 += Vector.Exp(new Vector<double>(terms[i..]) - shift);
        }
        var sum = Vector.Sum(s0 + s1 + (s2 + s3));
        for (; i < terms.Length; i++)
        {
            sum += Math.Exp(terms[i] - max);
        }
        return Math.Log(sum) + max;
    }
}
