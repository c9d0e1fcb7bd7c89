using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// A blocked, packed SIMD GEMM (Goto/BLIS structure): op(B) is packed in kc×nc blocks, op(A) in mc×kc
/// blocks, and a 6×16 (AVX2) or 6×32 (AVX-512) register-tiled micro-kernel with FMA runs over them.
/// All transpose forms go through the same kernel; transposition happens while packing. A row-major A is not
/// packed: the kernels read its six rows in place (<see cref="RowMajorA"/>), and A·Bᵀ with a B larger than A is
/// computed as Cᵀ = B·Aᵀ, so the smaller operand is the one packed (transposed).
/// Allocates nothing per call once its thread's packing buffers have grown (see <see cref="GemmWorkspace"/>).
/// Safe to call from several threads at once: the only mutable state is per thread.
/// </summary>
public sealed unsafe class SimdGemm : IGemm
{
    // Below this much work (about 0.1 ms at 70 GFLOP/s) handing blocks to other threads costs more than it saves.
    private const double ParallelMinimumFlops = 8e6;

    private readonly SimdGemmPath _path;
    private readonly GemmBlocking _blocking;
    private readonly int _width;
    private readonly bool _useAvxPacking;
    private readonly int _threads;
    // Micro-kernels indexed by the number of rows they write (1–6); entry 0 is unused. One set reads packed A, the
    // other reads a row-major A where it is stored.
    private readonly nint[] _kernels;
    private readonly nint[] _rowMajorKernels;
    // The 6×32 path's kernels for a right edge of at most 16 columns (half a tile), or null.
    private readonly nint[]? _edgeKernels;
    private readonly nint[]? _rowMajorEdgeKernels;
    private readonly bool _readRowMajorA;

    /// <summary>Uses the widest instruction set this CPU supports: AVX-512, else AVX2+FMA, else scalar.</summary>
    /// <param name="threads">
    /// Threads per call. With more than one, a large call is split into column (or row) blocks run in
    /// parallel; that allocates a little per call (task scheduling), the single-threaded path allocates nothing.
    /// </param>
    public SimdGemm(int threads = 1)
        : this(BestPath(), GemmBlocking.Default, threads)
    {
    }

    internal SimdGemm(SimdGemmPath path, GemmBlocking blocking, int threads = 1, bool readRowMajorA = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = threads;
        _width = MicroKernels.Columns(path);
        blocking.Validate(MicroKernels.Rows, _width);
        _path = path;
        _blocking = blocking;

        // The scalar path packs without AVX too, so tests of it cover the portable packing code.
        _useAvxPacking = path != SimdGemmPath.Scalar && Avx.IsSupported;
        _kernels = MicroKernelTable.Full<PackedA>(path);
        _edgeKernels = MicroKernelTable.HalfWidthEdge<PackedA>(path);
        _rowMajorKernels = MicroKernelTable.Full<RowMajorA>(path);
        _rowMajorEdgeKernels = MicroKernelTable.HalfWidthEdge<RowMajorA>(path);
        _readRowMajorA = readRowMajorA;
    }

    /// <summary>"simd" on the path this CPU picks by default; a forced path carries its name (see <see cref="GemmBackendSelector"/>).</summary>
    public string Name => _path == BestPath() ? "simd" : _path switch
    {
        SimdGemmPath.Vector512Wide => "simd-avx512-6x64",
        SimdGemmPath.Vector512 => "simd-avx512",
        SimdGemmPath.Vector256 => "simd-avx2",
        _ => "simd-scalar",
    };

    /// <summary>The kernel path in use ("avx512", "avx512-6x64", "avx2", "scalar"), for benchmark reports.</summary>
    public string InstructionSet => _path switch
    {
        SimdGemmPath.Vector512Wide => "avx512-6x64",
        SimdGemmPath.Vector512 => "avx512",
        SimdGemmPath.Vector256 => "avx2",
        _ => "scalar",
    };

    /// <summary>Threads per call (1 unless configured).</summary>
    public int Threads => _threads;

    internal SimdGemmPath Path => _path;

    /// <summary>Whether this CPU runs <paramref name="path"/> in hardware (the scalar path runs anywhere).</summary>
    internal static bool Supports(SimdGemmPath path) => path switch
    {
        SimdGemmPath.Vector512 or SimdGemmPath.Vector512Wide => Avx512F.IsSupported,
        SimdGemmPath.Vector256 => Fma.IsSupported && Vector256.IsHardwareAccelerated,
        _ => true,
    };

    internal static SimdGemmPath BestPath()
    {
        // Avx512F alone decides: the runtime may report Vector512.IsHardwareAccelerated = false on CPUs
        // where wide vectors lower the clock, yet still compiles Vector512 to AVX-512, and for a
        // register-blocked GEMM the doubled FMA width outweighs the clock drop.
        if (Avx512F.IsSupported)
        {
            return SimdGemmPath.Vector512;
        }

        if (Fma.IsSupported && Vector256.IsHardwareAccelerated)
        {
            return SimdGemmPath.Vector256;
        }

        return SimdGemmPath.Scalar;
    }

    public void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        GemmArguments.Check(a.Length, b.Length, c.Length, m, n, k);
        if (GemmArguments.CompletesTrivially(c, m, n, k, accumulate))
        {
            return;
        }

        // Stored row lengths of the whole matrices.
        var lda = transposeA ? m : k;
        var ldb = transposeB ? k : n;
        fixed (float* pa = a, pb = b, pc = c)
        {
            if (transposeB && !transposeA && TransposedProductPays(m, n, k))
            {
                // C = A·Bᵀ with B the larger operand (a layer's dX = dY·Wᵀ for few rows): Cᵀ = B·Aᵀ packs A (m×k)
                // instead of B (n×k) and reads B in place; the n×m product is then transposed into C.
                var product = GemmWorkspace.Current.Product(n * m);
                Dispatch(pb, ldb, pa, lda, product, m, n, m, k, false, true, false);
                GemmTranspose.Store(product, n, m, pc, n, accumulate, _useAvxPacking);
                return;
            }

            Dispatch(pa, lda, pb, ldb, pc, n, m, n, k, transposeA, transposeB, accumulate);
        }
    }

    /// <summary>
    /// Whether C = A·Bᵀ is cheaper as Cᵀ = B·Aᵀ: that packs m·k floats instead of n·k, for one extra pass over the
    /// m·n floats of C (transposed, so weighted double). Needs A read in place (row-major) for B's role.
    /// </summary>
    private bool TransposedProductPays(int m, int n, int k) => _readRowMajorA && (long)(n - m) * k > 2L * m * n;

    private void Dispatch(
        float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
    {
        if (_threads > 1 && 2.0 * m * n * k >= ParallelMinimumFlops)
        {
            RunInParallel(new Problem((nint)a, lda, (nint)b, ldb, (nint)c, ldc, m, n, k, transposeA, transposeB, accumulate, 0, 0));
        }
        else
        {
            Run(a, lda, b, ldb, c, ldc, m, n, k, transposeA, transposeB, accumulate, null, null);
        }
    }

    /// <summary>
    /// Splits C into one block of columns (or of rows, when C is narrow) per thread; each thread runs the
    /// single-threaded algorithm on its block with its own packing buffers. No two threads write the same
    /// element of C, so no synchronisation is needed beyond waiting for all of them.
    /// </summary>
    /// <summary>
    /// C = A·B with every row of C starting from <paramref name="rowVector"/> (length n): y = x·W + b for a linear
    /// layer. The micro-kernel's first depth block adds the row vector to its registers while the C tile is in L1,
    /// instead of the caller copying the vector into all m rows first (a separate pass over C: 45 MB for the
    /// language models' logits). Same forms as <see cref="Multiply"/>, without accumulate.
    /// </summary>
    public void MultiplyAddRowVector(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> rowVector, Span<float> c,
        int m, int n, int k, bool transposeA = false, bool transposeB = false)
    {
        GemmArguments.Check(a.Length, b.Length, c.Length, m, n, k);
        if (rowVector.Length != n)
        {
            throw new ArgumentException($"gemm: the row vector has {rowVector.Length} elements, C has {n} columns.", nameof(rowVector));
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            for (var r = 0; r < m; r++)
            {
                rowVector.CopyTo(c.Slice(r * n, n));
            }

            return;
        }

        var lda = transposeA ? m : k;
        var ldb = transposeB ? k : n;
        fixed (float* pa = a, pb = b, pc = c, pv = rowVector)
        {
            if (_threads > 1 && 2.0 * m * n * k >= ParallelMinimumFlops)
            {
                RunInParallel(new Problem((nint)pa, lda, (nint)pb, ldb, (nint)pc, n, m, n, k, transposeA, transposeB, false, (nint)pv, 0));
            }
            else
            {
                Run(pa, lda, pb, ldb, pc, n, m, n, k, transposeA, transposeB, false, pv, null);
            }
        }
    }

    /// <summary>
    /// C += op(A)·B (C = op(A)·B when not <paramref name="accumulate"/>) and <paramref name="columnSums"/> += Σ over the rows
    /// of B (k×n, stored row-major, not transposed): a linear layer's dW += xᵀ·g together with db += Σ_rows g. The sums
    /// are taken while B is packed, instead of a separate pass over g (45 MB for the language models' logits).
    /// </summary>
    public void MultiplyAccumulateWithColumnSums(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, Span<float> columnSums, int m, int n, int k, bool transposeA = false,
        bool accumulate = true)
    {
        GemmArguments.Check(a.Length, b.Length, c.Length, m, n, k);
        if (columnSums.Length != n)
        {
            throw new ArgumentException($"gemm: the column sums have {columnSums.Length} elements, B has {n} columns.", nameof(columnSums));
        }

        if (GemmArguments.CompletesTrivially(c, m, n, k, accumulate))
        {
            return;
        }

        var lda = transposeA ? m : k;
        fixed (float* pa = a, pb = b, pc = c, ps = columnSums)
        {
            if (_threads > 1 && 2.0 * m * n * k >= ParallelMinimumFlops)
            {
                RunInParallel(new Problem((nint)pa, lda, (nint)pb, n, (nint)pc, n, m, n, k, transposeA, false, accumulate, 0, (nint)ps));
            }
            else
            {
                Run(pa, lda, pb, n, pc, n, m, n, k, transposeA, false, accumulate, null, ps);
            }
        }
    }

    private void RunInParallel(Problem problem)
    {
        // Each thread packs all of the operand that is not split, so split the one that makes that copy
        // the smaller (columns when n ≥ m: every thread then packs A, m×k, rather than B, k×n).
        var canSplitColumns = problem.N >= _threads * _width;
        var canSplitRows = problem.M >= _threads * MicroKernels.Rows;
        if (!canSplitColumns && !canSplitRows)
        {
            Run((float*)problem.A, problem.Lda, (float*)problem.B, problem.Ldb, (float*)problem.C, problem.Ldc,
                problem.M, problem.N, problem.K, problem.TransposeA, problem.TransposeB, problem.Accumulate, (float*)problem.RowVector,
                (float*)problem.ColumnSums);
            return;
        }

        var byColumns = canSplitColumns && (problem.N >= problem.M || !canSplitRows);
        var unit = byColumns ? _width : MicroKernels.Rows;
        var length = byColumns ? problem.N : problem.M;
        var chunk = RoundUp((length + _threads - 1) / _threads, unit);
        var parts = (length + chunk - 1) / chunk;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = _threads }, part =>
        {
            var start = part * chunk;
            var size = Math.Min(chunk, length - start);
            var a = (float*)problem.A;
            var b = (float*)problem.B;
            var c = (float*)problem.C;
            var rowVector = (float*)problem.RowVector;
            var columnSums = (float*)problem.ColumnSums;
            if (byColumns)
            {
                // Columns j of op(B) start at B + j (stored k×n) or at row j of B (stored n×k).
                var bPart = problem.TransposeB ? b + ((nint)start * problem.Ldb) : b + start;
                Run(a, problem.Lda, bPart, problem.Ldb, c + start, problem.Ldc, problem.M, size, problem.K,
                    problem.TransposeA, problem.TransposeB, problem.Accumulate, rowVector == null ? null : rowVector + start,
                    columnSums == null ? null : columnSums + start);
            }
            else
            {
                // Rows i of op(A) start at row i of A (stored m×k) or at A + i (stored k×m).
                var aPart = problem.TransposeA ? a + start : a + ((nint)start * problem.Lda);
                Run(aPart, problem.Lda, b, problem.Ldb, c + ((nint)start * problem.Ldc), problem.Ldc, size, problem.N, problem.K,
                    problem.TransposeA, problem.TransposeB, problem.Accumulate, rowVector,
                    part == 0 ? columnSums : null);   // every part packs all of B: one of them sums it
            }
        });
    }

    /// <summary>The single-threaded algorithm on one block: C[m×n] (+)= op(A)·op(B) with the given row lengths.</summary>
    private void Run(
        float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate,
        float* rowVector, float* columnSums)
    {
        const int rows = MicroKernels.Rows;
        var width = _width;
        var workspace = GemmWorkspace.Current;
        var edgeTile = stackalloc float[rows * MicroKernels512.Columns];
        // A row-major A is read where it is stored (its six rows of a tile are six forward streams) instead of copied.
        var inPlaceA = _readRowMajorA && !transposeA;

        // Row blocks of equal size (a multiple of the tile height), so no small last block streams all of
        // the packed B from L3 for only a few row tiles.
        var rowBlocks = (m + _blocking.Mc - 1) / _blocking.Mc;
        var rowBlock = Math.Min(_blocking.Mc, RoundUp((m + rowBlocks - 1) / rowBlocks, rows));

        var depthBlock = inPlaceA ? _blocking.DepthInPlaceA : _blocking.Kc;
        for (var jc = 0; jc < n; jc += _blocking.Nc)
        {
            var nc = Math.Min(_blocking.Nc, n - jc);
            var panels = (nc + width - 1) / width;
            for (var pc = 0; pc < k; pc += depthBlock)
            {
                var kc = Math.Min(depthBlock, k - pc);

                // Later depth blocks add to what the first one wrote.
                var add = accumulate || pc > 0;

                // One spare cache line between packed panels, so that panels (kc·width floats, often a
                // multiple of 4 KiB) do not all start in the same cache set.
                var panelStride = (kc * width) + 16;
                var packedB = workspace.PackedB(panels * panelStride);
                GemmPacking.PackB(
                    b, transposeB, ldb, pc, kc, jc, nc, width, panelStride, packedB, _useAvxPacking, columnSums == null ? null : columnSums + jc);

                for (var ic = 0; ic < m; ic += rowBlock)
                {
                    var mc = Math.Min(rowBlock, m - ic);
                    // The row vector (when given) starts C in the first depth block only; later blocks add to C.
                    var start = pc == 0 && rowVector != null ? rowVector + jc : null;
                    var target = c + ((nint)ic * ldc) + jc;
                    if (inPlaceA)
                    {
                        Compute(a + ((nint)ic * lda) + pc, lda, lda, packedB, panelStride, target, ldc, mc, nc, kc, add, edgeTile, start);
                        continue;
                    }

                    var packedA = workspace.PackedA(kc * RoundUp(mc, rows));
                    GemmPacking.PackA(a, transposeA, lda, ic, mc, pc, kc, packedA, _useAvxPacking);
                    Compute(packedA, kc, 0, packedB, panelStride, target, ldc, mc, nc, kc, add, edgeTile, start);
                }
            }
        }
    }

    /// <summary>
    /// Runs the micro-kernel over one block of A and one packed block of B, writing the mc×nc block of C. A is packed
    /// (row r of the block at <paramref name="a"/> + r·<paramref name="rowStride"/> within 6-row panels, lda 0) or
    /// row-major in place (row stride = lda).
    /// </summary>
    private void Compute(
        float* a, nint rowStride, nint lda, float* packedB, int panelStride, float* c, int ldc, int mc, int nc, int kc, bool add, float* edgeTile,
        float* rowVector)
    {
        const int rows = MicroKernels.Rows;
        var width = _width;
        var inPlace = lda != 0;
        var kernels = inPlace ? _rowMajorKernels : _kernels;
        var edgeKernels = inPlace ? _rowMajorEdgeKernels : _edgeKernels;
        for (var jr = 0; jr < nc; jr += width)
        {
            var columns = Math.Min(width, nc - jr);
            var panelB = packedB + ((nint)(jr / width) * panelStride);
            for (var ir = 0; ir < mc; ir += rows)
            {
                var tileRows = Math.Min(rows, mc - ir);
                var kernel = (delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)kernels[tileRows];
                var panelA = a + (ir * rowStride);
                var target = c + ((nint)ir * ldc) + jr;
                // What the kernel adds as it writes the tile: the row vector (a bias, the same for every row: stride 0),
                // C itself when accumulating, or nothing. The kernel reads it at write-back, after its prefetch of C.
                var addend = rowVector != null ? rowVector + jr : add ? target : null;
                var addendStride = rowVector != null ? 0 : (nint)ldc;
                if (columns == width)
                {
                    kernel(kc, panelA, lda, panelB, target, ldc, addend, addendStride);
                    continue;
                }

                // A tile at the right edge of C: compute it whole into scratch, then keep the valid columns
                // (on the 6×32 path a half-width kernel when at most 16 columns are left).
                var computed = width;
                if (columns <= 16 && edgeKernels is not null)
                {
                    computed = 16;
                    var edgeKernel = (delegate*<int, float*, nint, float*, float*, nint, float*, nint, void>)edgeKernels[tileRows];
                    if (columns == 16)
                    {
                        edgeKernel(kc, panelA, lda, panelB, target, ldc, addend, addendStride);
                        continue;
                    }

                    edgeKernel(kc, panelA, lda, panelB, edgeTile, computed, null, 0);
                }
                else
                {
                    kernel(kc, panelA, lda, panelB, edgeTile, width, null, 0);
                }

                for (var r = 0; r < tileRows; r++)
                {
                    var from = edgeTile + (r * computed);
                    var to = target + ((nint)r * ldc);
                    var plus = MicroKernels.Row(addend, addendStride, r);
                    for (var j = 0; j < columns; j++)
                    {
                        to[j] = plus != null ? plus[j] + from[j] : from[j];
                    }
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>One call's operands as addresses (pinned by the caller for the whole parallel run).</summary>
    private readonly record struct Problem(
        nint A, int Lda, nint B, int Ldb, nint C, int Ldc, int M, int N, int K, bool TransposeA, bool TransposeB, bool Accumulate, nint RowVector, nint ColumnSums);
}
