namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Cache blocking of <see cref="SimdGemm"/> (Goto's scheme): a packed kc×nr micro-panel of B stays in L1,
/// the packed mc×kc block of A in L2, the packed kc×nc block of B in L3.
/// </summary>
/// <param name="Mc">Rows of A packed at once; a multiple of <see cref="MicroKernels.Rows"/>.</param>
/// <param name="Kc">Depth of one packed block.</param>
/// <param name="Nc">Columns of B packed at once; a multiple of every micro-kernel's width.</param>
/// <param name="KcInPlaceA">
/// Depth of one block when A is read in place (row-major A, not packed): no packed copy of A has to stay in L2, and
/// fewer depth blocks mean fewer passes over C (null: <paramref name="Kc"/>).
/// </param>
internal readonly record struct GemmBlocking(int Mc, int Kc, int Nc, int? KcInPlaceA = null)
{
    /// <summary>
    /// Tuned on an AMD EPYC (Zen 3: 32 KiB L1d, 512 KiB L2 per core) for the trainer's shapes; see
    /// bench/README.md. kc = 256 makes the LM output layer (k = 256 = hidden size) a single depth block. With A
    /// read in place, 512 (Zen 4, 1 MiB L2: the LM output layer's dX = dY·Wᵀ, k = 10,000, 3–5 % faster than 256).
    /// </summary>
    public static GemmBlocking Default { get; } = new(Mc: 120, Kc: 256, Nc: 2048, KcInPlaceA: 512);

    /// <summary>The depth block for a call that reads A in place (<see cref="KcInPlaceA"/>, else <see cref="Kc"/>).</summary>
    public int DepthInPlaceA => KcInPlaceA ?? Kc;

    public void Validate(int microRows, int microColumns)
    {
        if (Mc <= 0 || Kc <= 0 || Nc <= 0 || DepthInPlaceA <= 0 || Mc % microRows != 0 || Nc % microColumns != 0)
        {
            throw new ArgumentException(
                $"gemm blocking {this}: every size must be positive, Mc a multiple of {microRows} " +
                $"and Nc a multiple of {microColumns}.");
        }
    }
}
