namespace HyperSweep.Engine.Kernels;

/// <summary>
/// The GEMM backend every op uses. One process-wide choice, made at start-up by configuration
/// (see <see cref="IGemm"/> for the calling convention). Defaults to <see cref="SimdGemm"/>;
/// hosts may replace it at start-up with <see cref="GemmBackendSelector"/>.
/// </summary>
public static class Gemm
{
    private static IGemm _current = new SimdGemm();

    /// <summary>The backend in use.</summary>
    public static IGemm Current
    {
        get => _current;
        set => _current = value ?? throw new ArgumentNullException(nameof(value));
    }
}
