using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// The inner kernels of <see cref="SimdGemm"/>: each multiplies a packed 6×kc panel of A by a packed
/// kc×width panel of B with the whole 6×width tile of C held in registers, then writes (or adds) the tile
/// once. Packed A holds, for each depth step p, the 6 values A[0..5, p]; packed B holds, for each p, the
/// width values B[p, 0..width-1]. Twelve vector accumulators plus two B vectors and one broadcast fit the
/// 16 vector registers of AVX2.
/// </summary>
internal static unsafe class MicroKernels
{
    /// <summary>Rows of C per micro-tile (the same for every path, so packing of A is shared).</summary>
    public const int Rows = 6;

    public static int Columns(SimdGemmPath path) => path switch
    {
        SimdGemmPath.Vector512Wide => MicroKernels512.Columns,
        SimdGemmPath.Vector512 => 32,
        _ => 16,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector256x16<TRows, TA>(int kc, float* a, nint lda, float* b, float* c, nint ldc, float* addend, nint addendStride)
        where TRows : struct, IMicroKernelRows
        where TA : struct, IPanelA
    {
        PrefetchTile(c, ldc, TRows.Count, 16);
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector256<float> b0, b1, av;
        var p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            b0 = Vector256.Load(b);
            b1 = Vector256.Load(b + 8);
            av = Vector256.Create(TA.At(a, lda, 0, 0));
            c00 = Vector256.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(av, b1, c01);

            if (TRows.Count > 1)
            {
                av = Vector256.Create(TA.At(a, lda, 1, 0));
                c10 = Vector256.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(av, b1, c11);
            }

            if (TRows.Count > 2)
            {
                av = Vector256.Create(TA.At(a, lda, 2, 0));
                c20 = Vector256.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(av, b1, c21);
            }

            if (TRows.Count > 3)
            {
                av = Vector256.Create(TA.At(a, lda, 3, 0));
                c30 = Vector256.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(av, b1, c31);
            }

            if (TRows.Count > 4)
            {
                av = Vector256.Create(TA.At(a, lda, 4, 0));
                c40 = Vector256.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector256.FusedMultiplyAdd(av, b1, c41);
            }

            if (TRows.Count > 5)
            {
                av = Vector256.Create(TA.At(a, lda, 5, 0));
                c50 = Vector256.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector256.FusedMultiplyAdd(av, b1, c51);
            }

            b0 = Vector256.Load(b + 16);
            b1 = Vector256.Load(b + 16 + 8);
            av = Vector256.Create(TA.At(a, lda, 0, 1));
            c00 = Vector256.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(av, b1, c01);

            if (TRows.Count > 1)
            {
                av = Vector256.Create(TA.At(a, lda, 1, 1));
                c10 = Vector256.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(av, b1, c11);
            }

            if (TRows.Count > 2)
            {
                av = Vector256.Create(TA.At(a, lda, 2, 1));
                c20 = Vector256.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(av, b1, c21);
            }

            if (TRows.Count > 3)
            {
                av = Vector256.Create(TA.At(a, lda, 3, 1));
                c30 = Vector256.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(av, b1, c31);
            }

            if (TRows.Count > 4)
            {
                av = Vector256.Create(TA.At(a, lda, 4, 1));
                c40 = Vector256.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector256.FusedMultiplyAdd(av, b1, c41);
            }

            if (TRows.Count > 5)
            {
                av = Vector256.Create(TA.At(a, lda, 5, 1));
                c50 = Vector256.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector256.FusedMultiplyAdd(av, b1, c51);
            }
            a = TA.Advance(a, 2);
            b += 2 * 16;
        }

        if (p < kc)
        {
            b0 = Vector256.Load(b);
            b1 = Vector256.Load(b + 8);
            av = Vector256.Create(TA.At(a, lda, 0, 0));
            c00 = Vector256.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(av, b1, c01);

            if (TRows.Count > 1)
            {
                av = Vector256.Create(TA.At(a, lda, 1, 0));
                c10 = Vector256.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(av, b1, c11);
            }

            if (TRows.Count > 2)
            {
                av = Vector256.Create(TA.At(a, lda, 2, 0));
                c20 = Vector256.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(av, b1, c21);
            }

            if (TRows.Count > 3)
            {
                av = Vector256.Create(TA.At(a, lda, 3, 0));
                c30 = Vector256.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(av, b1, c31);
            }

            if (TRows.Count > 4)
            {
                av = Vector256.Create(TA.At(a, lda, 4, 0));
                c40 = Vector256.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector256.FusedMultiplyAdd(av, b1, c41);
            }

            if (TRows.Count > 5)
            {
                av = Vector256.Create(TA.At(a, lda, 5, 0));
                c50 = Vector256.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector256.FusedMultiplyAdd(av, b1, c51);
            }
        }

        Write256(c, c00, c01, addend);
        if (TRows.Count > 1)
        {
            Write256(c + ldc, c10, c11, Row(addend, addendStride, 1));
        }

        if (TRows.Count > 2)
        {
            Write256(c + (2 * ldc), c20, c21, Row(addend, addendStride, 2));
        }

        if (TRows.Count > 3)
        {
            Write256(c + (3 * ldc), c30, c31, Row(addend, addendStride, 3));
        }

        if (TRows.Count > 4)
        {
            Write256(c + (4 * ldc), c40, c41, Row(addend, addendStride, 4));
        }

        if (TRows.Count > 5)
        {
            Write256(c + (5 * ldc), c50, c51, Row(addend, addendStride, 5));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512x32<TRows, TA>(int kc, float* a, nint lda, float* b, float* c, nint ldc, float* addend, nint addendStride)
        where TRows : struct, IMicroKernelRows
        where TA : struct, IPanelA
    {
        PrefetchTile(c, ldc, TRows.Count, 32);
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> b0, b1, av;
        var p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            b0 = Vector512.Load(b);
            b1 = Vector512.Load(b + 16);
            av = Vector512.Create(TA.At(a, lda, 0, 0));
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);

            if (TRows.Count > 1)
            {
                av = Vector512.Create(TA.At(a, lda, 1, 0));
                c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            }

            if (TRows.Count > 2)
            {
                av = Vector512.Create(TA.At(a, lda, 2, 0));
                c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            }

            if (TRows.Count > 3)
            {
                av = Vector512.Create(TA.At(a, lda, 3, 0));
                c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            }

            if (TRows.Count > 4)
            {
                av = Vector512.Create(TA.At(a, lda, 4, 0));
                c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
            }

            if (TRows.Count > 5)
            {
                av = Vector512.Create(TA.At(a, lda, 5, 0));
                c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
            }

            b0 = Vector512.Load(b + 32);
            b1 = Vector512.Load(b + 32 + 16);
            av = Vector512.Create(TA.At(a, lda, 0, 1));
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);

            if (TRows.Count > 1)
            {
                av = Vector512.Create(TA.At(a, lda, 1, 1));
                c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            }

            if (TRows.Count > 2)
            {
                av = Vector512.Create(TA.At(a, lda, 2, 1));
                c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            }

            if (TRows.Count > 3)
            {
                av = Vector512.Create(TA.At(a, lda, 3, 1));
                c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            }

            if (TRows.Count > 4)
            {
                av = Vector512.Create(TA.At(a, lda, 4, 1));
                c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
            }

            if (TRows.Count > 5)
            {
                av = Vector512.Create(TA.At(a, lda, 5, 1));
                c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
            }
            a = TA.Advance(a, 2);
            b += 2 * 32;
        }

        if (p < kc)
        {
            b0 = Vector512.Load(b);
            b1 = Vector512.Load(b + 16);
            av = Vector512.Create(TA.At(a, lda, 0, 0));
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);

            if (TRows.Count > 1)
            {
                av = Vector512.Create(TA.At(a, lda, 1, 0));
                c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            }

            if (TRows.Count > 2)
            {
                av = Vector512.Create(TA.At(a, lda, 2, 0));
                c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            }

            if (TRows.Count > 3)
            {
                av = Vector512.Create(TA.At(a, lda, 3, 0));
                c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            }

            if (TRows.Count > 4)
            {
                av = Vector512.Create(TA.At(a, lda, 4, 0));
                c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
            }

            if (TRows.Count > 5)
            {
                av = Vector512.Create(TA.At(a, lda, 5, 0));
                c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
            }
        }

        Write512(c, c00, c01, addend);
        if (TRows.Count > 1)
        {
            Write512(c + ldc, c10, c11, Row(addend, addendStride, 1));
        }

        if (TRows.Count > 2)
        {
            Write512(c + (2 * ldc), c20, c21, Row(addend, addendStride, 2));
        }

        if (TRows.Count > 3)
        {
            Write512(c + (3 * ldc), c30, c31, Row(addend, addendStride, 3));
        }

        if (TRows.Count > 4)
        {
            Write512(c + (4 * ldc), c40, c41, Row(addend, addendStride, 4));
        }

        if (TRows.Count > 5)
        {
            Write512(c + (5 * ldc), c50, c51, Row(addend, addendStride, 5));
        }
    }

    /// <summary>The portable fallback: the same tile and packing as the Vector256 path, in plain floats.</summary>
    public static void Scalar16<TRows, TA>(int kc, float* a, nint lda, float* b, float* c, nint ldc, float* addend, nint addendStride)
        where TRows : struct, IMicroKernelRows
        where TA : struct, IPanelA
    {
        const int width = 16;
        var tile = stackalloc float[Rows * width];
        new Span<float>(tile, Rows * width).Clear();
        for (var p = 0; p < kc; p++)
        {
            for (var r = 0; r < TRows.Count; r++)
            {
                var av = TA.At(a, lda, r, 0);
                var row = tile + (r * width);
                for (var j = 0; j < width; j++)
                {
                    row[j] = MathF.FusedMultiplyAdd(av, b[j], row[j]);
                }
            }

            a = TA.Advance(a, 1);
            b += width;
        }

        for (var r = 0; r < TRows.Count; r++)
        {
            var target = c + (r * ldc);
            var row = tile + (r * width);
            var add = Row(addend, addendStride, r);
            for (var j = 0; j < width; j++)
            {
                target[j] = add != null ? add[j] + row[j] : row[j];
            }
        }
    }

    /// <summary>
    /// Row <paramref name="row"/> of what a kernel adds to its tile as it writes it: C itself (stride ldc) when
    /// accumulating, a row vector (stride 0: the same for every row, a linear layer's bias), or nothing (null).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float* Row(float* addend, nint addendStride, int row) => addend == null ? null : addend + (row * addendStride);

    /// <summary>
    /// Starts loading the C tile while the depth loop runs: C is usually far bigger than the caches (the LM
    /// output is 1120×10000), and a tile's rows are a whole row of C apart, so without this the write-back at
    /// the end of the kernel waits on six cache misses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void PrefetchTile(float* c, nint ldc, int rows, int width)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        for (var r = 0; r < rows; r++)
        {
            var row = c + (r * ldc);
            for (var column = 0; column < width; column += 16)
            {
                Sse.Prefetch0(row + column);
            }

            Sse.Prefetch0(row + width - 1);   // a row that does not start on a cache line spans one more
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write256(float* row, Vector256<float> low, Vector256<float> high, float* addend)
    {
        if (addend != null)
        {
            low += Vector256.Load(addend);
            high += Vector256.Load(addend + 8);
        }

        Vector256.Store(low, row);
        Vector256.Store(high, row + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write512(float* row, Vector512<float> low, Vector512<float> high, float* addend)
    {
        if (addend != null)
        {
            low += Vector512.Load(addend);
            high += Vector512.Load(addend + 16);
        }

        Vector512.Store(low, row);
        Vector512.Store(high, row + 16);
    }
}
