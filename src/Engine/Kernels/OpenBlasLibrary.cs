using System.Runtime.InteropServices;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// The system OpenBLAS, loaded once per process with <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/>.
/// Resolving the entry points by hand (rather than [DllImport]) lets a missing library be reported as a
/// clear message at selection time instead of a DllNotFoundException in the middle of training.
/// </summary>
internal sealed unsafe class OpenBlasLibrary
{
    /// <summary>Debian's package libopenblas0-pthread (or libopenblas0-openmp / -serial) provides this name.</summary>
    public const string FileName = "libopenblas.so.0";

    public const string InstallHint =
        "install the system OpenBLAS (Debian/Ubuntu: apt-get install libopenblas0-pthread)";

    // CBLAS enumerations (cblas.h).
    public const int RowMajor = 101;
    public const int NoTranspose = 111;
    public const int Transpose = 112;

    private static readonly Lazy<(OpenBlasLibrary? Library, string Problem)> _loaded = new(Load);

    private OpenBlasLibrary(
        delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm,
        delegate* unmanaged<int, void> setThreads,
        string? config)
    {
        Sgemm = sgemm;
        SetThreads = setThreads;
        Config = config ?? "unknown build";
    }

    /// <summary>cblas_sgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc).</summary>
    public delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm { get; }

    /// <summary>openblas_set_num_threads, or null when the build lacks it.</summary>
    public delegate* unmanaged<int, void> SetThreads { get; }

    /// <summary>What openblas_get_config reports (version, core type, threading), for benchmark reports.</summary>
    public string Config { get; }

    /// <summary>The loaded library, or null with the reason it could not be loaded.</summary>
    public static OpenBlasLibrary? TryGet(out string problem)
    {
        var (library, reason) = _loaded.Value;
        problem = reason;
        return library;
    }

    private static (OpenBlasLibrary?, string) Load()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return (null, $"OpenBLAS backend: {FileName} is only probed on Unix-like systems.");
        }

        if (!NativeLibrary.TryLoad(FileName, out var handle))
        {
            return (null, $"OpenBLAS backend: cannot load {FileName}; {InstallHint}.");
        }

        if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm))
        {
            return (null, $"OpenBLAS backend: {FileName} was loaded but exports no cblas_sgemm.");
        }

        NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads);
        string? config = null;
        if (NativeLibrary.TryGetExport(handle, "openblas_get_config", out var getConfig))
        {
            config = Marshal.PtrToStringAnsi(((delegate* unmanaged<IntPtr>)getConfig)());
        }

        var library = new OpenBlasLibrary(
            (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm,
            (delegate* unmanaged<int, void>)setThreads,
            config);
        return (library, string.Empty);
    }
}
