using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the panel layout the micro-kernels read sequentially.
/// Transposed operands are handled here, while packing, so no transposed copy of a whole matrix is
/// ever made. Rows and columns past the matrix edge are padded with zeros: the micro-kernels always
/// compute full-width tiles and the driver keeps only the valid columns.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Floats a packing buffer needs beyond the packed block (an 8-wide store may overhang a 6-wide step).</summary>
    public const int Slack = 8;

    /// <summary>
    /// Packs op(A)[i0..i0+mc, p0..p0+kc] into panels of <see cref="MicroKernels.Rows"/> rows:
    /// panel q holds, for each p, the values of rows q·6 .. q·6+5.
    /// </summary>
    /// <param name="a">A as stored: m×k row-major, or k×m when <paramref name="transposed"/>.</param>
    /// <param name="lda">Length of a stored row of A (k, or m when transposed, for a whole matrix).</param>
    /// <param name="useAvx">Use AVX register transposes (the caller checked <see cref="Avx.IsSupported"/>).
    /// Packing writes up to <see cref="Slack"/> floats past the packed block.</param>
    public static void PackA(float* a, bool transposed, int lda, int i0, int mc, int p0, int kc, float* packed, bool useAvx)
    {
        const int rows = MicroKernels.Rows;
        for (var ir = 0; ir < mc; ir += rows)
        {
            var valid = Math.Min(rows, mc - ir);
            var panel = packed + ((nint)ir * kc);
            if (transposed && valid == rows && useAvx && i0 + ir + 8 <= lda)
            {
                // op(A)[i, p] = A[p, i]: the panel's six values at depth p are contiguous in A. Copy them
                // eight at a time (the two extra stay within A's row, and the next step overwrites them
                // in the panel; the last step's land in the buffer's slack or the next panel).
                var source = a + ((nint)p0 * lda) + i0 + ir;
                for (var p = 0; p < kc; p++)
                {
                    Vector256.Store(Vector256.Load(source + ((nint)p * lda)), panel + ((nint)p * rows));
                }
            }
            else if (transposed)
            {
                // op(A)[i, p] = A[p, i]: the panel's rows are contiguous at each depth p.
                var source = a + ((nint)p0 * lda) + i0 + ir;
                for (var p = 0; p < kc; p++)
                {
                    var from = source + ((nint)p * lda);
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
            else if (valid == rows && useAvx)
            {
                PackRowPanelAvx(a + ((nint)(i0 + ir) * lda) + p0, lda, kc, panel);
            }
            else if (valid == rows)
            {
                // Six row streams read in step, so each packed depth step is written contiguously.
                var r0 = a + ((nint)(i0 + ir) * lda) + p0;
                var r1 = r0 + lda;
                var r2 = r1 + lda;
                var r3 = r2 + lda;
                var r4 = r3 + lda;
                var r5 = r4 + lda;
                var to = panel;
                for (var p = 0; p < kc; p++)
                {
                    to[0] = r0[p];
                    to[1] = r1[p];
                    to[2] = r2[p];
                    to[3] = r3[p];
                    to[4] = r4[p];
                    to[5] = r5[p];
                    to += rows;
                }
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    var to = panel + r;
                    if (r < valid)
                    {
                        var from = a + ((nint)(i0 + ir + r) * lda) + p0;
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
    /// <param name="ldb">Length of a stored row of B (n, or k when transposed, for a whole matrix).</param>
    /// <param name="useAvx">Use AVX register transposes (the caller checked <see cref="Avx.IsSupported"/>).</param>
    /// <param name="columnSums">When not null (row-major B only), Σ over the block's kc rows of each of its nc columns is
    /// added to it while the rows pass through L1, instead of a pass over the packed block afterwards.</param>
    public static void PackB(
        float* b, bool transposed, int ldb, int p0, int kc, int j0, int nc, int width, nint panelStride, float* packed, bool useAvx,
        float* columnSums = null)
    {
        if (!transposed)
        {
            if (columnSums != null)
            {
                PackRowMajorBWithSums(b + ((nint)p0 * ldb) + j0, ldb, kc, nc, width, panelStride, packed, columnSums);
                return;
            }

            PackRowMajorB(b + ((nint)p0 * ldb) + j0, ldb, kc, nc, width, panelStride, packed);
            return;
        }

        if (columnSums != null)
        {
            throw new ArgumentException("gemm: column sums are taken of a row-major B only.", nameof(columnSums));
        }

        for (var jr = 0; jr < nc; jr += width)
        {
            var valid = Math.Min(width, nc - jr);
            var panel = packed + (jr / width * panelStride);
            if (valid == width && useAvx)
            {
                PackTransposedPanelAvx(b + ((nint)(j0 + jr) * ldb) + p0, ldb, kc, width, panel);
                continue;
            }

            // op(B)[p, j] = B[j, p]: each column of the panel is a contiguous run of a stored row.
            for (var col = 0; col < width; col++)
            {
                var to = panel + col;
                if (col < valid)
                {
                    var from = b + ((nint)(j0 + jr + col) * ldb) + p0;
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
    }

    /// <summary>
    /// Packs a block of a row-major B row by row: each source row is read once, front to back (a stream
    /// the prefetcher follows; reading panel by panel instead jumps a whole row of B, often a multiple of
    /// 4 KiB, between cache lines that then collide in one cache set). Four rows at a time, each stream also prefetched
    /// ahead (a layer's weights, just updated by the optimizer, come from memory).
    /// </summary>
    private static void PackRowMajorB(float* source, int n, int kc, int nc, int width, nint panelStride, float* packed)
    {
        var fullPanels = nc / width;
        var rest = nc - (fullPanels * width);
        nint stride = n;
        var p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            var from = source + ((nint)p * n);
            var to = packed + ((nint)p * width);
            for (var panel = 0; panel < fullPanels; panel++)
            {
                PrefetchFourRows(from, stride, width);
                for (var j = 0; j < width; j += 8)
                {
                    Vector256.Store(Vector256.Load(from + j), to + j);
                    Vector256.Store(Vector256.Load(from + stride + j), to + width + j);
                    Vector256.Store(Vector256.Load(from + (2 * stride) + j), to + (2 * width) + j);
                    Vector256.Store(Vector256.Load(from + (3 * stride) + j), to + (3 * width) + j);
                }

                from += width;
                to += panelStride;
            }

            for (var r = 0; rest > 0 && r < 4; r++)
            {
                CopyRow(from + (r * stride), to + (r * width), rest, width);
            }
        }

        for (; p < kc; p++)
        {
            var from = source + ((nint)p * n);
            var to = packed + ((nint)p * width);
            for (var panel = 0; panel < fullPanels; panel++)
            {
                for (var j = 0; j < width; j += 8)
                {
                    Vector256.Store(Vector256.Load(from + j), to + j);
                }

                from += width;
                to += panelStride;
            }

            if (rest > 0)
            {
                CopyRow(from, to, rest, width);
            }
        }
    }

    // Floats ahead of the read position that each row's stream is prefetched (4 KB): memory's latency, not its bandwidth,
    // bounds one core's read of a block that is not in cache.
    private const int PrefetchAhead = 1024;

    /// <summary>Prefetches the next <paramref name="width"/> floats, <see cref="PrefetchAhead"/> on, of four rows (a prefetch never faults).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchFourRows(float* from, nint stride, int width)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        for (var line = 0; line < width; line += 16)
        {
            Sse.Prefetch0(from + PrefetchAhead + line);
            Sse.Prefetch0(from + stride + PrefetchAhead + line);
            Sse.Prefetch0(from + (2 * stride) + PrefetchAhead + line);
            Sse.Prefetch0(from + (3 * stride) + PrefetchAhead + line);
        }
    }

    /// <summary>
    /// <see cref="PackRowMajorB"/> that also adds each row into <paramref name="sums"/> (nc floats, in L1 for the
    /// trainer's blocks: 8 KB) as it copies it: a linear layer's db = Σ_rows g taken from dW's packing of g. Four rows at
    /// a time: four read streams keep more of memory's latency hidden (this block is the language models' 45 MB logits
    /// gradient, read from memory), and the sums are loaded and stored once per four rows, still added row after row
    /// (the same float additions in the same order as one row at a time).
    /// </summary>
    private static void PackRowMajorBWithSums(float* source, int n, int kc, int nc, int width, nint panelStride, float* packed, float* sums)
    {
        var p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            PackFourRowsWithSums(source + ((nint)p * n), n, nc, width, panelStride, packed + ((nint)p * width), sums);
        }

        for (; p < kc; p++)
        {
            PackRowWithSums(source + ((nint)p * n), nc, width, panelStride, packed + ((nint)p * width), sums);
        }
    }

    private static void PackFourRowsWithSums(float* from, int n, int nc, int width, nint panelStride, float* to, float* sum)
    {
        var fullPanels = nc / width;
        var rest = nc - (fullPanels * width);
        nint stride = n;
        for (var panel = 0; panel < fullPanels; panel++)
        {
            PrefetchFourRows(from, stride, width);

            for (var j = 0; j < width; j += 8)
            {
                var v0 = Vector256.Load(from + j);
                var v1 = Vector256.Load(from + stride + j);
                var v2 = Vector256.Load(from + (2 * stride) + j);
                var v3 = Vector256.Load(from + (3 * stride) + j);
                Vector256.Store(v0, to + j);
                Vector256.Store(v1, to + width + j);
                Vector256.Store(v2, to + (2 * width) + j);
                Vector256.Store(v3, to + (3 * width) + j);
                Vector256.Store((((Vector256.Load(sum + j) + v0) + v1) + v2) + v3, sum + j);
            }

            from += width;
            to += panelStride;
            sum += width;
        }

        if (rest > 0)
        {
            for (var r = 0; r < 4; r++)
            {
                PackRowWithSums(from + (r * stride), rest, width, panelStride, to + (r * width), sum);
            }
        }
    }

    /// <summary>One row of <see cref="PackRowMajorBWithSums"/>: its nc values into the panels, and into the sums.</summary>
    private static void PackRowWithSums(float* from, int nc, int width, nint panelStride, float* to, float* sum)
    {
        var fullPanels = nc / width;
        var rest = nc - (fullPanels * width);
        for (var panel = 0; panel < fullPanels; panel++)
        {
            for (var j = 0; j < width; j += 8)
            {
                var values = Vector256.Load(from + j);
                Vector256.Store(values, to + j);
                Vector256.Store(Vector256.Load(sum + j) + values, sum + j);
            }

            from += width;
            to += panelStride;
            sum += width;
        }

        if (rest > 0)
        {
            CopyRow(from, to, rest, width);
            for (var j = 0; j < rest; j++)
            {
                sum[j] += from[j];
            }
        }
    }

    /// <summary>
    /// Packs six full rows of A by 8×8 register transposes (two rows of zeros fill the square): each
    /// transposed vector holds one depth step's six values and is stored 8 wide, its two extra lanes
    /// overwritten by the next step (the last one lands in the buffer's slack or the next panel, packed later).
    /// </summary>
    private static void PackRowPanelAvx(float* source, int k, int kc, float* panel)
    {
        const int rows = MicroKernels.Rows;
        var zero = Vector256<float>.Zero;
        var p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            var from = source + p;
            var r0 = Avx.LoadVector256(from);
            var r1 = Avx.LoadVector256(from + k);
            var r2 = Avx.LoadVector256(from + (2 * (nint)k));
            var r3 = Avx.LoadVector256(from + (3 * (nint)k));
            var r4 = Avx.LoadVector256(from + (4 * (nint)k));
            var r5 = Avx.LoadVector256(from + (5 * (nint)k));

            GemmTranspose.Transpose8x8(
                r0, r1, r2, r3, r4, r5, zero, zero,
                out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
            var to = panel + ((nint)p * rows);
            Avx.Store(to, c0);
            Avx.Store(to + rows, c1);
            Avx.Store(to + (2 * rows), c2);
            Avx.Store(to + (3 * rows), c3);
            Avx.Store(to + (4 * rows), c4);
            Avx.Store(to + (5 * rows), c5);
            Avx.Store(to + (6 * rows), c6);
            Avx.Store(to + (7 * rows), c7);
        }

        for (; p < kc; p++)
        {
            var to = panel + ((nint)p * rows);
            for (var r = 0; r < rows; r++)
            {
                to[r] = source[((nint)r * k) + p];
            }
        }
    }

    /// <summary>
    /// Packs a full panel of a transposed B by 8×8 register transposes: eight stored rows (eight columns
    /// of op(B)) are read eight depth steps at a time and written as eight packed depth steps.
    /// </summary>
    private static void PackTransposedPanelAvx(float* source, int k, int kc, int width, float* panel)
    {
        var p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            for (var group = 0; group < width; group += 8)
            {
                GemmTranspose.Block8x8(source + ((nint)group * k) + p, k, panel + ((nint)p * width) + group, width, accumulate: false);
            }
        }

        // The depth steps left over when kc is not a multiple of 8.
        for (; p < kc; p++)
        {
            var to = panel + ((nint)p * width);
            for (var col = 0; col < width; col++)
            {
                to[col] = source[((nint)col * k) + p];
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
