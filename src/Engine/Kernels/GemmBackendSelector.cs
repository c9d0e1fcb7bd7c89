namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Builds a GEMM backend from its configured name: "simd" (the default), "openblas" or "naive".
/// Hosts call <see cref="FromEnvironment"/> (or <see cref="Create"/> with a configured value) at start-up
/// and assign the result to <see cref="Gemm.Current"/>.
/// </summary>
public static class GemmBackendSelector
{
    /// <summary>The environment variable naming the backend.</summary>
    public const string EnvironmentVariable = "HYPERSWEEP_GEMM";

    public const string DefaultName = "simd";

    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["simd", "openblas", "naive"];

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
            "naive" => new NaiveGemm(),
            "openblas" => OpenBlasGemm.IsAvailable
                ? OpenBlasGemm.Create(threads)
                : throw new InvalidOperationException($"{source} = \"{name}\": {OpenBlasGemm.UnavailableReason}"),
            _ => throw new ArgumentException(
                $"{source} = \"{name}\" is not a GEMM backend; expected one of: {string.Join(", ", Names)}.",
                nameof(name)),
        };
    }
}
