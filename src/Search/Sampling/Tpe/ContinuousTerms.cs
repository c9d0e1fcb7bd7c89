using System.Numerics;
using System.Runtime.Intrinsics;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// The continuous part of a joint density, for a run of components: row += −z²/2 − ln√(2π) − ln mass (−∞ outside
/// [a, b]), minus ln σ when corrected, z = (x − μ)/σ. Lane by lane it is the scalar formula: IEEE operations give
/// every lane the scalar's bits whatever the vector width (Vector512 where the CPU has it, else Vector&lt;T&gt;, then a
/// scalar tail), and halving is exact, so it is a multiplication by 0.5 rather than a division.
/// </summary>
internal static class ContinuousTerms
{
    public static void Add(double x, ReadOnlySpan<double> mus, ReadOnlySpan<double> sigmas, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper,
        ReadOnlySpan<double> logMass, bool corrected, ReadOnlySpan<double> logSigma, Span<double> row)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var (vx, half, c, minusInfinity) = (Vector512.Create(x), Vector512.Create(0.5), Vector512.Create(TruncatedNormal.LogSqrt2Pi),
                Vector512.Create(double.NegativeInfinity));
            for (; i + Vector512<double>.Count <= row.Length; i += Vector512<double>.Count)
            {
                var z = (vx - Vector512.Create(mus[i..])) / Vector512.Create(sigmas[i..]);
                var lp = -(z * z) * half - c - Vector512.Create(logMass[i..]);
                var outside = Vector512.LessThan(z, Vector512.Create(lower[i..])) | Vector512.GreaterThan(z, Vector512.Create(upper[i..]));
                lp = Vector512.ConditionalSelect(outside, minusInfinity, lp);
                if (corrected)
                {
                    lp -= Vector512.Create(logSigma[i..]);
                }
                (Vector512.Create(row[i..]) + lp).CopyTo(row[i..]);
            }
        }
        var (wx, wHalf, wc, wMinusInfinity) = (new Vector<double>(x), new Vector<double>(0.5), new Vector<double>(TruncatedNormal.LogSqrt2Pi),
            new Vector<double>(double.NegativeInfinity));
        for (; i + Vector<double>.Count <= row.Length; i += Vector<double>.Count)
        {
            var z = (wx - new Vector<double>(mus[i..])) / new Vector<double>(sigmas[i..]);
            var lp = -(z * z) * wHalf - wc - new Vector<double>(logMass[i..]);
            var outside = Vector.LessThan(z, new Vector<double>(lower[i..])) | Vector.GreaterThan(z, new Vector<double>(upper[i..]));
            lp = Vector.ConditionalSelect(outside, wMinusInfinity, lp);
            if (corrected)
            {
                lp -= new Vector<double>(logSigma[i..]);
            }
            (new Vector<double>(row[i..]) + lp).CopyTo(row[i..]);
        }
        for (; i < row.Length; i++)
        {
            var lp = TruncatedNormal.LogPdf((x - mus[i]) / sigmas[i], lower[i], upper[i], logMass[i]);
            row[i] += corrected ? lp - logSigma[i] : lp;
        }
    }
}
