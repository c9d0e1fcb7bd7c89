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

        // Products in 64 bits: m·k of two large dimensions overflows an int and would pass the check.
        long needA = (long)m * k, needB = (long)k * n, needC = (long)m * n;
        if (aLength < needA || bLength < needB || cLength < needC)
        {
            throw new ArgumentException(
                $"gemm: buffers too small for m={m}, n={n}, k={k}: A has {aLength} (needs {needA}), " +
                $"B has {bLength} (needs {needB}), C has {cLength} (needs {needC}).");
        }
    }

    /// <summary>
    /// The empty cases every backend shares: nothing to do when C is empty, and an empty sum when k = 0
    /// (C = 0, or C unchanged when accumulating; BLAS would also reject the zero leading dimension).
    /// Returns true when the call is complete.
    /// </summary>
    public static bool CompletesTrivially(Span<float> c, int m, int n, int k, bool accumulate)
    {
        if (m == 0 || n == 0)
        {
            return true;
        }

        if (k != 0)
        {
            return false;
        }

        if (!accumulate)
        {
            c[..(m * n)].Clear();
        }

        return true;
    }
}
