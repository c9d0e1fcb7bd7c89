namespace HyperSweep.Engine.Kernels;

/// <summary>Argument checks shared by every GEMM backend, so each reports a bad call the same way.</summary>
internal static class GemmArguments
{
    public static void Check(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"gemm: negative dimension (m={m}, n={n}, k={k}).");
        }

        if (aLength < m * k || bLength < k * n || cLength < m * n)
        {
            throw new ArgumentException(
                $"gemm: buffers too small for m={m}, n={n}, k={k}: A has {aLength} (needs {m * k}), " +
                $"B has {bLength} (needs {k * n}), C has {cLength} (needs {m * n}).");
        }
    }
}
