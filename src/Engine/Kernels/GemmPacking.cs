using System.Runtime.Intrinsics;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the panel layout the micro-kernels read sequentially.
/// Transposed operands are handled here, while packing, so no transposed copy of a whole matrix is
/// ever made. Rows and columns past the matrix edge are padded with zeros: the micro-kernels always
/// compute full tiles and the driver discards the padding.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0..i0+mc, p0..p0+kc] into panels of <see cref="MicroKernels.Rows"/> rows:
    /// panel q holds, for each p, the values of rows q·6 .. q·6+5.
    /// </summary>
    /// <param name="a">A as stored: m×k row-major, or k×m when <paramref name="transposed"/>.</param>
    public static void PackA(float* a, bool transposed, int m, int k, int i0, int mc, int p0, int kc, float* packed)
    {
        const int rows = MicroKernels.Rows;
        for (var ir = 0; ir < mc; ir += rows)
        {
            var valid = Math.Min(rows, mc - ir);
            var panel = packed + ((nint)ir * kc);
            if (transposed)
            {
                // op(A)[i, p] = A[p, i]: the panel's rows are contiguous at each depth p.
                var source = a + ((nint)p0 * m) + i0 + ir;
                for (var p = 0; p < kc; p++)
                {
                    var from = source + ((nint)p * m);
                    var to = panel + ((nint)p * rows);
                    for (var r = 0; r < valid; r++)
                    {
                        to[r] = from[r];
                    }

                    for (var r = valid; r < rows; r++)
                    {
                        to[r] = 0f;
                    }
                }
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    var to = panel + r;
                    if (r < valid)
                    {
                        var from = a + ((nint)(i0 + ir + r) * k) + p0;
                        for (var p = 0; p < kc; p++)
                        {
                            to[p * rows] = from[p];
                        }
                    }
                    else
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            to[p * rows] = 0f;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0..p0+kc, j0..j0+nc] into panels <paramref name="width"/> columns wide:
    /// panel q holds, for each p, the values of columns q·width .. q·width+width-1.
    /// </summary>
    /// <param name="b">B as stored: k×n row-major, or n×k when <paramref name="transposed"/>.</param>
    public static void PackB(float* b, bool transposed, int n, int k, int p0, int kc, int j0, int nc, int width, float* packed)
    {
        for (var jr = 0; jr < nc; jr += width)
        {
            var valid = Math.Min(width, nc - jr);
            var panel = packed + ((nint)jr * kc);
            if (transposed)
            {
                // op(B)[p, j] = B[j, p]: each column of the panel is a contiguous run of a stored row.
                for (var col = 0; col < width; col++)
                {
                    var to = panel + col;
                    if (col < valid)
                    {
                        var from = b + ((nint)(j0 + jr + col) * k) + p0;
                        for (var p = 0; p < kc; p++)
                        {
                            to[p * width] = from[p];
                        }
                    }
                    else
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            to[p * width] = 0f;
                        }
                    }
                }
            }
            else
            {
                var source = b + ((nint)p0 * n) + j0 + jr;
                for (var p = 0; p < kc; p++)
                {
                    CopyRow(source + ((nint)p * n), panel + ((nint)p * width), valid, width);
                }
            }
        }
    }

    private static void CopyRow(float* from, float* to, int valid, int width)
    {
        var j = 0;
        for (; j + 8 <= valid; j += 8)
        {
            Vector256.Store(Vector256.Load(from + j), to + j);
        }

        for (; j < valid; j++)
        {
            to[j] = from[j];
        }

        for (; j < width; j++)
        {
            to[j] = 0f;
        }
    }
}
