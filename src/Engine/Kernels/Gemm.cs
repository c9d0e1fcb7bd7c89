namespace HyperSweep.Engine.Kernels;

/// <summary>
/// The GEMM backend every op uses. One process-wide choice, made at start-up by configuration
/// (see <see cref="IGemm"/> for the calling convention).
/// </summary>
public static class Gemm
{
    private static IGemm _current = new NaiveGemm();

    /// <summary>The backend in use.</summary>
    public static IGemm Current
    {
        get => _current;
        set => _current = value ?? throw new ArgumentNullException(nameof(value));
    }
}
