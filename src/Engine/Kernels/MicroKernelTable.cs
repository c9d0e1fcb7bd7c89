namespace HyperSweep.Engine.Kernels;

/// <summary>
/// The micro-kernels of one <see cref="SimdGemmPath"/> and A layout as function pointers, indexed by the number of
/// rows they write (1–6; entry 0 is unused). Signature: (kc, a, lda, b, c, ldc, addend, addendStride): C = A·B + addend (see <see cref="MicroKernels.Row"/>).
/// </summary>
internal static unsafe class MicroKernelTable
{
    public static nint[] Full<TA>(SimdGemmPath path)
        where TA : struct, IPanelA => path switch
    {
        SimdGemmPath.Vector512Wide =>
        [
            0,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x64<OneRow, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x64<TwoRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x64<ThreeRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x64<FourRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x64<FiveRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x64<SixRows, TA>,
        ],
        SimdGemmPath.Vector512 =>
        [
            0,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector512x32<OneRow, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector512x32<TwoRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector512x32<ThreeRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector512x32<FourRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector512x32<FiveRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector512x32<SixRows, TA>,
        ],
        SimdGemmPath.Vector256 =>
        [
            0,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector256x16<OneRow, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector256x16<TwoRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector256x16<ThreeRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector256x16<FourRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector256x16<FiveRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Vector256x16<SixRows, TA>,
        ],
        SimdGemmPath.Scalar =>
        [
            0,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Scalar16<OneRow, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Scalar16<TwoRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Scalar16<ThreeRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Scalar16<FourRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Scalar16<FiveRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels.Scalar16<SixRows, TA>,
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "gemm: unknown kernel path."),
    };

    /// <summary>The 6×32 path's kernels for a right edge of at most 16 columns (half a tile); null on other paths.</summary>
    public static nint[]? HalfWidthEdge<TA>(SimdGemmPath path)
        where TA : struct, IPanelA => path == SimdGemmPath.Vector512
        ?
        [
            0,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x16Edge<OneRow, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x16Edge<TwoRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x16Edge<ThreeRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x16Edge<FourRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x16Edge<FiveRows, TA>,
            (nint)(delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)&MicroKernels512.Vector512x16Edge<SixRows, TA>,
        ]
        : null;
}
