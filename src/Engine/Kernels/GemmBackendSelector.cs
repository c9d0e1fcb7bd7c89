namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Builds a GEMM backend from its configured name: "simd" (the default), "openblas" or "naive"; or the simd
/// backend forced to one kernel path ("simd-avx512-6x64", "simd-avx512", "simd-avx2", "simd-scalar"), which is
/// how an AVX-512 machine measures the AVX2 path (benchmarks) without turning AVX-512 off for the whole runtime.
/// Hosts call <see cref="FromEnvironment"/> (or <see cref="Create"/> with a configured value) at start-up
/// and assign the result to <see cref="Gemm.Current"/>.
/// </summary>
public static class GemmBackendSelector
{
    /// <summary>The environment variable naming the backend.</summary>
    public const string EnvironmentVariable = "HYPERSWEEP_GEMM";

    public const string DefaultName = "simd";

    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["simd", "openblas", "naive", "simd-avx512-6x64", "simd-avx512", "simd-avx2", "simd-scalar"];

    /// <summary>The backend named by HYPERSWEEP_GEMM, or the default when it is unset or empty.</summary>
    /// <param name="threads">Threads per GEMM call (see <see cref="Create"/>).</param>
    public static IGemm FromEnvironment(int threads = 1) =>
        Create(Environment.GetEnvironmentVariable(EnvironmentVariable), $"environment variable {EnvironmentVariable}", threads);

    /// <summary>The backend of that name (case-insensitive); null or blank means the default.</summary>
    /// <param name="name">"simd", "openblas" or "naive".</param>
    /// <param name="source">Where the name came from, for error messages (a setting, a variable, an option).</param>
    /// <param name="threads">Threads per GEMM call for simd and openblas (OpenBLAS' count is process-wide);
    /// the naive kernel always uses one.</param>
    /// <exception cref="ArgumentException">The name is not a known backend.</exception>
    /// <exception cref="InvalidOperationException">The backend is known but cannot run here (OpenBLAS missing).</exception>
    public static IGemm Create(string? name, string source = "gemm backend name", int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var key = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim().ToLowerInvariant();
        return key switch
        {
            "simd" => new SimdGemm(threads),
            "simd-avx512-6x64" => Forced(SimdGemmPath.Vector512Wide, "AVX-512F", source, name, threads),
            "simd-avx512" => Forced(SimdGemmPath.Vector512, "AVX-512F", source, name, threads),
            "simd-avx2" => Forced(SimdGemmPath.Vector256, "AVX2 and FMA", source, name, threads),
            "simd-scalar" => Forced(SimdGemmPath.Scalar, "nothing", source, name, threads),
            "naive" => new NaiveGemm(),
            "openblas" => OpenBlasGemm.IsAvailable
                ? OpenBlasGemm.Create(threads)
                : throw new InvalidOperationException($"{source} = \"{name}\": {OpenBlasGemm.UnavailableReason}"),
            _ => throw new ArgumentException(
                $"{source} = \"{name}\" is not a GEMM backend; expected one of: {string.Join(", ", Names)}.",
                nameof(name)),
        };
    }

    // A forced path must run in hardware: .NET would emulate a missing ISA in software, correct but many times slower.
    private static SimdGemm Forced(SimdGemmPath path, string needs, string source, string? name, int threads) =>
        SimdGemm.Supports(path)
            ? new SimdGemm(path, GemmBlocking.Default, threads)
            : throw new InvalidOperationException($"{source} = \"{name}\": this CPU lacks {needs}, which that kernel needs.");
}
