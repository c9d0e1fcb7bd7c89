namespace HyperSweep.Engine.Kernels;

/// <summary>
/// GEMM by the system OpenBLAS' cblas_sgemm (libopenblas.so.0), called by P/Invoke through function
/// pointers. Optional: <see cref="IsAvailable"/> tells whether the library can be loaded, and
/// <see cref="Create"/> throws a message naming the package to install when it cannot.
/// </summary>
public sealed unsafe class OpenBlasGemm : IGemm
{
    private readonly OpenBlasLibrary _library;

    private OpenBlasGemm(OpenBlasLibrary library)
    {
        _library = library;
    }

    public string Name => "openblas";

    /// <summary>What the loaded library says about itself (version, kernel core, threading).</summary>
    public string Configuration => _library.Config;

    /// <summary>True when libopenblas.so.0 can be loaded and exports cblas_sgemm.</summary>
    public static bool IsAvailable => OpenBlasLibrary.TryGet(out _) is not null;

    /// <summary>Why the library cannot be used, or an empty string when it can.</summary>
    public static string UnavailableReason
    {
        get
        {
            OpenBlasLibrary.TryGet(out var problem);
            return problem;
        }
    }

    /// <summary>
    /// Loads OpenBLAS and sets its thread count (a process-wide OpenBLAS setting: one trial, one core,
    /// unless told otherwise).
    /// </summary>
    /// <exception cref="InvalidOperationException">The library is missing or unusable; the message says what to install.</exception>
    public static OpenBlasGemm Create(int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var library = OpenBlasLibrary.TryGet(out var problem) ?? throw new InvalidOperationException(problem);
        if (library.SetThreads != null)
        {
            library.SetThreads(threads);
        }

        return new OpenBlasGemm(library);
    }

    public void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        GemmArguments.Check(a.Length, b.Length, c.Length, m, n, k);
        if (GemmArguments.CompletesTrivially(c, m, n, k, accumulate))
        {
            return;
        }

        // Row-major leading dimensions are the stored row lengths.
        var lda = transposeA ? m : k;
        var ldb = transposeB ? k : n;
        fixed (float* pa = a, pb = b, pc = c)
        {
            _library.Sgemm(
                OpenBlasLibrary.RowMajor,
                transposeA ? OpenBlasLibrary.Transpose : OpenBlasLibrary.NoTranspose,
                transposeB ? OpenBlasLibrary.Transpose : OpenBlasLibrary.NoTranspose,
                m, n, k, 1f, pa, lda, pb, ldb, accumulate ? 1f : 0f, pc, n);
        }
    }
}
