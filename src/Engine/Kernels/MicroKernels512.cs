using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// AVX-512 micro-kernels beyond the 6×32 one of <see cref="MicroKernels"/>. The wide one: a 6×64 tile of C in 24 of the 32 zmm registers (four B vectors and one broadcast
/// take five more). Per depth step it loads four B vectors and six A values for 24 FMAs, 0.42 loads per FMA
/// against 0.67 for a 6×32 tile (12 accumulators, which leave 17 of the 32 registers unused), and each C tile
/// is read and written once per 64 columns instead of 32. Same packed-A layout (6 rows) as every other path;
/// packed B panels are 64 columns wide. Every row block repeats one pattern (the unused ones compile away).
/// </summary>
internal static unsafe class MicroKernels512
{
    public const int Columns = 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512x64<TRows, TA>(int kc, float* a, nint lda, float* b, float* c, nint ldc, float* addend, nint addendStride)
        where TRows : struct, IMicroKernelRows
        where TA : struct, IPanelA
    {
        MicroKernels.PrefetchTile(c, ldc, TRows.Count, Columns);
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default, c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default, c40 = default, c41 = default, c42 = default, c43 = default, c50 = default, c51 = default, c52 = default, c53 = default;
        Vector512<float> b0, b1, b2, b3, av;
        var p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            b0 = Vector512.Load(b + 0);
            b1 = Vector512.Load(b + 16);
            b2 = Vector512.Load(b + 32);
            b3 = Vector512.Load(b + 48);
            av = Vector512.Create(TA.At(a, lda, 0, 0));
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(av, b2, c02);
            c03 = Vector512.FusedMultiplyAdd(av, b3, c03);

            if (TRows.Count > 1)
            {
                av = Vector512.Create(TA.At(a, lda, 1, 0));
                c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
                c12 = Vector512.FusedMultiplyAdd(av, b2, c12);
                c13 = Vector512.FusedMultiplyAdd(av, b3, c13);
            }

            if (TRows.Count > 2)
            {
                av = Vector512.Create(TA.At(a, lda, 2, 0));
                c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
                c22 = Vector512.FusedMultiplyAdd(av, b2, c22);
                c23 = Vector512.FusedMultiplyAdd(av, b3, c23);
            }

            if (TRows.Count > 3)
            {
                av = Vector512.Create(TA.At(a, lda, 3, 0));
                c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
                c32 = Vector512.FusedMultiplyAdd(av, b2, c32);
                c33 = Vector512.FusedMultiplyAdd(av, b3, c33);
            }

            if (TRows.Count > 4)
            {
                av = Vector512.Create(TA.At(a, lda, 4, 0));
                c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
                c42 = Vector512.FusedMultiplyAdd(av, b2, c42);
                c43 = Vector512.FusedMultiplyAdd(av, b3, c43);
            }

            if (TRows.Count > 5)
            {
                av = Vector512.Create(TA.At(a, lda, 5, 0));
                c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
                c52 = Vector512.FusedMultiplyAdd(av, b2, c52);
                c53 = Vector512.FusedMultiplyAdd(av, b3, c53);
            }

            b0 = Vector512.Load(b + 64);
            b1 = Vector512.Load(b + 80);
            b2 = Vector512.Load(b + 96);
            b3 = Vector512.Load(b + 112);
            av = Vector512.Create(TA.At(a, lda, 0, 1));
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(av, b2, c02);
            c03 = Vector512.FusedMultiplyAdd(av, b3, c03);

            if (TRows.Count > 1)
            {
                av = Vector512.Create(TA.At(a, lda, 1, 1));
                c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
                c12 = Vector512.FusedMultiplyAdd(av, b2, c12);
                c13 = Vector512.FusedMultiplyAdd(av, b3, c13);
            }

            if (TRows.Count > 2)
            {
                av = Vector512.Create(TA.At(a, lda, 2, 1));
                c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
                c22 = Vector512.FusedMultiplyAdd(av, b2, c22);
                c23 = Vector512.FusedMultiplyAdd(av, b3, c23);
            }

            if (TRows.Count > 3)
            {
                av = Vector512.Create(TA.At(a, lda, 3, 1));
                c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
                c32 = Vector512.FusedMultiplyAdd(av, b2, c32);
                c33 = Vector512.FusedMultiplyAdd(av, b3, c33);
            }

            if (TRows.Count > 4)
            {
                av = Vector512.Create(TA.At(a, lda, 4, 1));
                c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
                c42 = Vector512.FusedMultiplyAdd(av, b2, c42);
                c43 = Vector512.FusedMultiplyAdd(av, b3, c43);
            }

            if (TRows.Count > 5)
            {
                av = Vector512.Create(TA.At(a, lda, 5, 1));
                c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
                c52 = Vector512.FusedMultiplyAdd(av, b2, c52);
                c53 = Vector512.FusedMultiplyAdd(av, b3, c53);
            }
            a = TA.Advance(a, 2);
            b += 2 * Columns;
        }

        if (p < kc)
        {
            b0 = Vector512.Load(b + 0);
            b1 = Vector512.Load(b + 16);
            b2 = Vector512.Load(b + 32);
            b3 = Vector512.Load(b + 48);
            av = Vector512.Create(TA.At(a, lda, 0, 0));
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(av, b2, c02);
            c03 = Vector512.FusedMultiplyAdd(av, b3, c03);

            if (TRows.Count > 1)
            {
                av = Vector512.Create(TA.At(a, lda, 1, 0));
                c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
                c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
                c12 = Vector512.FusedMultiplyAdd(av, b2, c12);
                c13 = Vector512.FusedMultiplyAdd(av, b3, c13);
            }

            if (TRows.Count > 2)
            {
                av = Vector512.Create(TA.At(a, lda, 2, 0));
                c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
                c22 = Vector512.FusedMultiplyAdd(av, b2, c22);
                c23 = Vector512.FusedMultiplyAdd(av, b3, c23);
            }

            if (TRows.Count > 3)
            {
                av = Vector512.Create(TA.At(a, lda, 3, 0));
                c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
                c32 = Vector512.FusedMultiplyAdd(av, b2, c32);
                c33 = Vector512.FusedMultiplyAdd(av, b3, c33);
            }

            if (TRows.Count > 4)
            {
                av = Vector512.Create(TA.At(a, lda, 4, 0));
                c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
                c42 = Vector512.FusedMultiplyAdd(av, b2, c42);
                c43 = Vector512.FusedMultiplyAdd(av, b3, c43);
            }

            if (TRows.Count > 5)
            {
                av = Vector512.Create(TA.At(a, lda, 5, 0));
                c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
                c52 = Vector512.FusedMultiplyAdd(av, b2, c52);
                c53 = Vector512.FusedMultiplyAdd(av, b3, c53);
            }
        }

        Write(c, c00, c01, c02, c03, addend);
        if (TRows.Count > 1)
        {
            Write(c + (1 * ldc), c10, c11, c12, c13, MicroKernels.Row(addend, addendStride, 1));
        }

        if (TRows.Count > 2)
        {
            Write(c + (2 * ldc), c20, c21, c22, c23, MicroKernels.Row(addend, addendStride, 2));
        }

        if (TRows.Count > 3)
        {
            Write(c + (3 * ldc), c30, c31, c32, c33, MicroKernels.Row(addend, addendStride, 3));
        }

        if (TRows.Count > 4)
        {
            Write(c + (4 * ldc), c40, c41, c42, c43, MicroKernels.Row(addend, addendStride, 4));
        }

        if (TRows.Count > 5)
        {
            Write(c + (5 * ldc), c50, c51, c52, c53, MicroKernels.Row(addend, addendStride, 5));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* row, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3, float* addend)
    {
        if (addend != null)
        {
            v0 += Vector512.Load(addend);
            v1 += Vector512.Load(addend + 16);
            v2 += Vector512.Load(addend + 32);
            v3 += Vector512.Load(addend + 48);
        }

        Vector512.Store(v0, row);
        Vector512.Store(v1, row + 16);
        Vector512.Store(v2, row + 32);
        Vector512.Store(v3, row + 48);
    }

    /// <summary>
    /// The right edge of C on the 6×32 path when at most 16 columns are left: a 6×16 tile from a 32-wide packed B panel
    /// (only its first 16 columns are read), so an edge of n mod 32 ≤ 16 columns costs half a full tile. Even and odd
    /// depth steps go to separate accumulators (twelve FMA chains instead of six), summed at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512x16Edge<TRows, TA>(int kc, float* a, nint lda, float* b, float* c, nint ldc, float* addend, nint addendStride)
        where TRows : struct, IMicroKernelRows
        where TA : struct, IPanelA
    {
        const int stride = 32;
        Vector512<float> e0 = default, e1 = default, e2 = default, e3 = default, e4 = default, e5 = default;
        Vector512<float> o0 = default, o1 = default, o2 = default, o3 = default, o4 = default, o5 = default;
        Vector512<float> b0, b1;
        var p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            b0 = Vector512.Load(b);
            b1 = Vector512.Load(b + stride);
            e0 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 0, 0)), b0, e0);
            o0 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 0, 1)), b1, o0);
            if (TRows.Count > 1)
            {
                e1 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 1, 0)), b0, e1);
                o1 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 1, 1)), b1, o1);
            }

            if (TRows.Count > 2)
            {
                e2 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 2, 0)), b0, e2);
                o2 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 2, 1)), b1, o2);
            }

            if (TRows.Count > 3)
            {
                e3 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 3, 0)), b0, e3);
                o3 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 3, 1)), b1, o3);
            }

            if (TRows.Count > 4)
            {
                e4 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 4, 0)), b0, e4);
                o4 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 4, 1)), b1, o4);
            }

            if (TRows.Count > 5)
            {
                e5 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 5, 0)), b0, e5);
                o5 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 5, 1)), b1, o5);
            }
            a = TA.Advance(a, 2);
            b += 2 * stride;
        }

        if (p < kc)
        {
            b0 = Vector512.Load(b);
            e0 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 0, 0)), b0, e0);
            if (TRows.Count > 1)
            {
                e1 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 1, 0)), b0, e1);
            }

            if (TRows.Count > 2)
            {
                e2 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 2, 0)), b0, e2);
            }

            if (TRows.Count > 3)
            {
                e3 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 3, 0)), b0, e3);
            }

            if (TRows.Count > 4)
            {
                e4 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 4, 0)), b0, e4);
            }

            if (TRows.Count > 5)
            {
                e5 = Vector512.FusedMultiplyAdd(Vector512.Create(TA.At(a, lda, 5, 0)), b0, e5);
            }
        }

        WriteOne(c + (0 * ldc), e0 + o0, MicroKernels.Row(addend, addendStride, 0));

        if (TRows.Count > 1)
        {
            WriteOne(c + (1 * ldc), e1 + o1, MicroKernels.Row(addend, addendStride, 1));
        }

        if (TRows.Count > 2)
        {
            WriteOne(c + (2 * ldc), e2 + o2, MicroKernels.Row(addend, addendStride, 2));
        }

        if (TRows.Count > 3)
        {
            WriteOne(c + (3 * ldc), e3 + o3, MicroKernels.Row(addend, addendStride, 3));
        }

        if (TRows.Count > 4)
        {
            WriteOne(c + (4 * ldc), e4 + o4, MicroKernels.Row(addend, addendStride, 4));
        }

        if (TRows.Count > 5)
        {
            WriteOne(c + (5 * ldc), e5 + o5, MicroKernels.Row(addend, addendStride, 5));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteOne(float* row, Vector512<float> value, float* addend)
    {
        if (addend != null)
        {
            value += Vector512.Load(addend);
        }

        Vector512.Store(value, row);
    }
}
