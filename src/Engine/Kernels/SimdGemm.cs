using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// A blocked, packed SIMD GEMM (Goto/BLIS structure): op(B) is packed in kc×nc blocks, op(A) in mc×kc
/// blocks, and a 6×16 (AVX2) or 6×32 (AVX-512) register-tiled micro-kernel with FMA runs over them.
/// All transpose forms go through the same kernel; transposition happens while packing.
/// Allocates nothing per call once its thread's packing buffers have grown (see <see cref="GemmWorkspace"/>).
/// Safe to call from several threads at once: the only mutable state is per thread.
/// </summary>
public sealed unsafe class SimdGemm : IGemm
{
    private readonly SimdGemmPath _path;
    private readonly GemmBlocking _blocking;
    private readonly int _width;
    private readonly bool _useAvxPacking;
    // Micro-kernels indexed by the number of rows they write (1–6); entry 0 is unused.
    private readonly nint[] _kernels;

    /// <summary>Uses the widest instruction set this CPU supports: AVX-512, else AVX2+FMA, else scalar.</summary>
    public SimdGemm()
        : this(BestPath(), GemmBlocking.Default)
    {
    }

    internal SimdGemm(SimdGemmPath path, GemmBlocking blocking)
    {
        _width = MicroKernels.Columns(path);
        blocking.Validate(MicroKernels.Rows, _width);
        _path = path;
        _blocking = blocking;

        // The scalar path packs without AVX too, so tests of it cover the portable packing code.
        _useAvxPacking = path != SimdGemmPath.Scalar && Avx.IsSupported;
        _kernels = path switch
        {
            SimdGemmPath.Vector512 =>
            [
                0,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector512x32<OneRow>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector512x32<TwoRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector512x32<ThreeRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector512x32<FourRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector512x32<FiveRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector512x32<SixRows>,
            ],
            SimdGemmPath.Vector256 =>
            [
                0,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector256x16<OneRow>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector256x16<TwoRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector256x16<ThreeRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector256x16<FourRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector256x16<FiveRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Vector256x16<SixRows>,
            ],
            SimdGemmPath.Scalar =>
            [
                0,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Scalar16<OneRow>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Scalar16<TwoRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Scalar16<ThreeRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Scalar16<FourRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Scalar16<FiveRows>,
                (nint)(delegate*<int, float*, float*, float*, nint, bool, void>)&MicroKernels.Scalar16<SixRows>,
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(path), path, "gemm: unknown kernel path."),
        };
    }

    public string Name => "simd";

    /// <summary>The instruction set in use ("avx512", "avx2", "scalar"), for benchmark reports.</summary>
    public string InstructionSet => _path switch
    {
        SimdGemmPath.Vector512 => "avx512",
        SimdGemmPath.Vector256 => "avx2",
        _ => "scalar",
    };

    internal SimdGemmPath Path => _path;

    internal static SimdGemmPath BestPath()
    {
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
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
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            // An empty sum: C = 0, or C unchanged when accumulating.
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }

            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            Run(pa, pb, pc, m, n, k, transposeA, transposeB, accumulate);
        }
    }

    private void Run(float* a, float* b, float* c, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
    {
        const int rows = MicroKernels.Rows;
        var width = _width;
        var workspace = GemmWorkspace.Current;
        var edgeTile = stackalloc float[rows * 32];

        for (var jc = 0; jc < n; jc += _blocking.Nc)
        {
            var nc = Math.Min(_blocking.Nc, n - jc);
            var panels = (nc + width - 1) / width;
            for (var pc = 0; pc < k; pc += _blocking.Kc)
            {
                var kc = Math.Min(_blocking.Kc, k - pc);

                // Later depth blocks add to what the first one wrote.
                var add = accumulate || pc > 0;
                // One spare cache line between packed panels, so that panels (kc·width floats, often a
                // multiple of 4 KiB) do not all start in the same cache set.
                var panelStride = (kc * width) + 16;
                var packedB = workspace.PackedB(panels * panelStride);
                GemmPacking.PackB(b, transposeB, n, k, pc, kc, jc, nc, width, panelStride, packedB, _useAvxPacking);

                for (var ic = 0; ic < m; ic += _blocking.Mc)
                {
                    var mc = Math.Min(_blocking.Mc, m - ic);
                    var packedA = workspace.PackedA(kc * RoundUp(mc, rows));
                    GemmPacking.PackA(a, transposeA, m, k, ic, mc, pc, kc, packedA, _useAvxPacking);
                    Compute(packedA, packedB, panelStride, c + ((nint)ic * n) + jc, n, mc, nc, kc, add, edgeTile);
                }
            }
        }
    }

    /// <summary>Runs the micro-kernel over one packed block pair, writing the mc×nc block of C.</summary>
    private void Compute(float* packedA, float* packedB, int panelStride, float* c, int ldc, int mc, int nc, int kc, bool add, float* edgeTile)
    {
        const int rows = MicroKernels.Rows;
        var width = _width;
        var kernels = _kernels;
        for (var jr = 0; jr < nc; jr += width)
        {
            var columns = Math.Min(width, nc - jr);
            var panelB = packedB + ((nint)(jr / width) * panelStride);
            for (var ir = 0; ir < mc; ir += rows)
            {
                var tileRows = Math.Min(rows, mc - ir);
                var kernel = (delegate*<int, float*, float*, float*, nint, bool, void>)kernels[tileRows];
                var panelA = packedA + ((nint)ir * kc);
                var target = c + ((nint)ir * ldc) + jr;
                if (columns == width)
                {
                    kernel(kc, panelA, panelB, target, ldc, add);
                }
                else
                {
                    // A tile at the right edge of C: compute it whole into scratch, then keep the valid columns.
                    kernel(kc, panelA, panelB, edgeTile, width, false);
                    for (var r = 0; r < tileRows; r++)
                    {
                        var from = edgeTile + (r * width);
                        var to = target + ((nint)r * ldc);
                        for (var j = 0; j < columns; j++)
                        {
                            to[j] = add ? to[j] + from[j] : from[j];
                        }
                    }
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
