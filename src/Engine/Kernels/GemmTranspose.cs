using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Writes (or adds) the transpose of a row-major block into C: how <see cref="SimdGemm"/> returns a product it
/// computed as Cᵀ = B·Aᵀ (see <see cref="SimdGemm.Multiply"/>).
/// </summary>
internal static unsafe class GemmTranspose
{
    /// <summary>
    /// C[j, i] (+)= source[i, j] for i &lt; <paramref name="rows"/>, j &lt; <paramref name="columns"/>: source is
    /// rows×columns with rows <paramref name="columns"/> floats long, C is columns×rows with rows <paramref name="ldc"/> long.
    /// </summary>
    public static void Store(float* source, int rows, int columns, float* c, int ldc, bool accumulate, bool useAvx)
    {
        var i = 0;
        if (useAvx)
        {
            for (; i + 8 <= rows; i += 8)
            {
                var j = 0;
                for (; j + 8 <= columns; j += 8)
                {
                    Block8x8(source + ((nint)i * columns) + j, columns, c + ((nint)j * ldc) + i, ldc, accumulate);
                }

                Scalar(source, columns, c, ldc, i, i + 8, j, columns, accumulate);
            }
        }

        Scalar(source, columns, c, ldc, i, rows, 0, columns, accumulate);
    }

    private static void Scalar(float* source, int columns, float* c, int ldc, int i0, int i1, int j0, int j1, bool accumulate)
    {
        for (var i = i0; i < i1; i++)
        {
            var from = source + ((nint)i * columns);
            for (var j = j0; j < j1; j++)
            {
                var to = c + ((nint)j * ldc) + i;
                *to = accumulate ? *to + from[j] : from[j];
            }
        }
    }

    /// <summary>
    /// to[j·ldTo + i] (+)= from[i·ld + j] for an 8×8 block, by register transposes (also how a transposed B is packed,
    /// <see cref="GemmPacking.PackB"/>). Needs AVX.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Block8x8(float* from, nint ld, float* to, nint ldc, bool accumulate)
    {
        var r0 = Avx.LoadVector256(from);
        var r1 = Avx.LoadVector256(from + ld);
        var r2 = Avx.LoadVector256(from + (2 * ld));
        var r3 = Avx.LoadVector256(from + (3 * ld));
        var r4 = Avx.LoadVector256(from + (4 * ld));
        var r5 = Avx.LoadVector256(from + (5 * ld));
        var r6 = Avx.LoadVector256(from + (6 * ld));
        var r7 = Avx.LoadVector256(from + (7 * ld));

        Transpose8x8(
            r0, r1, r2, r3, r4, r5, r6, r7,
            out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
        Put(to, c0, accumulate);
        Put(to + ldc, c1, accumulate);
        Put(to + (2 * ldc), c2, accumulate);
        Put(to + (3 * ldc), c3, accumulate);
        Put(to + (4 * ldc), c4, accumulate);
        Put(to + (5 * ldc), c5, accumulate);
        Put(to + (6 * ldc), c6, accumulate);
        Put(to + (7 * ldc), c7, accumulate);
    }

    /// <summary>
    /// The transpose of eight rows of eight floats held in registers: column j of the rows r0…r7 comes out as cj (unpack,
    /// shuffle, then swap of 128-bit halves). Also how A's six-row panels are packed (two rows of zeros fill the square).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8x8(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7,
        out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3,
        out Vector256<float> c4, out Vector256<float> c5, out Vector256<float> c6, out Vector256<float> c7)
    {
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);

        c0 = Avx.Permute2x128(u0, u4, 0x20);
        c1 = Avx.Permute2x128(u1, u5, 0x20);
        c2 = Avx.Permute2x128(u2, u6, 0x20);
        c3 = Avx.Permute2x128(u3, u7, 0x20);
        c4 = Avx.Permute2x128(u0, u4, 0x31);
        c5 = Avx.Permute2x128(u1, u5, 0x31);
        c6 = Avx.Permute2x128(u2, u6, 0x31);
        c7 = Avx.Permute2x128(u3, u7, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* to, Vector256<float> value, bool accumulate)
    {
        if (accumulate)
        {
            value = Avx.Add(value, Avx.LoadVector256(to));
        }

        Avx.Store(to, value);
    }
}
