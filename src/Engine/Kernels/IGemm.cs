namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Single-precision matrix multiply on contiguous row-major buffers:
/// C[m×n] = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/> is set.
/// op(A) is m×k: A is stored m×k, or k×m when <paramref name="transposeA"/>.
/// op(B) is k×n: B is stored k×n, or n×k when <paramref name="transposeB"/>.
/// Backends must not allocate per call: the trainer calls this thousands of times per step.
/// </summary>
public interface IGemm
{
    /// <summary>A short name for benchmarks and logs ("simd", "naive", "openblas").</summary>
    string Name { get; }

    void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false);
}
