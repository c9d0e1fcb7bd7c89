namespace HyperSweep.Engine.Kernels;

/// <summary>
/// The reference kernel: three plain loops, accumulated in double so tests can compare
/// fast kernels against it. Slow on purpose; never used for training.
/// </summary>
public sealed class NaiveGemm : IGemm
{
    public string Name => "naive";

    public void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        GemmArguments.Check(a.Length, b.Length, c.Length, m, n, k);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    var av = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                    var bv = transposeB ? b[(j * k) + p] : b[(p * n) + j];
                    sum += (double)av * bv;
                }

                c[(i * n) + j] = accumulate ? (float)(c[(i * n) + j] + sum) : (float)sum;
            }
        }
    }
}
