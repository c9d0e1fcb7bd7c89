using System.Runtime.Intrinsics.X86;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

/// <summary>
/// C = A·Bᵀ with B much larger than A runs as Cᵀ = B·Aᵀ and is transposed into C (a layer's dX = dY·Wᵀ for few
/// rows, a recurrent step's dH): every kernel path, both ways of writing C, and the transpose on its own.
/// </summary>
public sealed class SimdGemmTransposedProductTests
{
    // (m, n, k) with (n − m)·k > 2·m·n, i.e. shapes that take the transposed product: whole 8×8 transpose blocks,
    // ragged edges in both directions, fewer than 8 rows, and depths spanning several depth blocks.
    public static TheoryData<int, int, int> TransposedShapes => new()
    {
        { 1, 40, 9 },
        { 5, 33, 100 },
        { 8, 64, 300 },
        { 13, 200, 517 },
        { 32, 256, 256 },   // a recurrent step's dH
        { 17, 129, 1000 },
    };

    [Theory]
    [MemberData(nameof(TransposedShapes))]
    public void Every_path_agrees_with_the_naive_kernel(int m, int n, int k)
    {
        foreach (var path in Enum.GetValues<SimdGemmPath>())
        {
            var gemm = new SimdGemm(path, GemmBlocking.Default);
            GemmCheck.AgreesWithNaive(gemm, m, n, k, transposeA: false, transposeB: true, accumulate: false);
            GemmCheck.AgreesWithNaive(gemm, m, n, k, transposeA: false, transposeB: true, accumulate: true);
        }
    }

    [Fact]
    public void Several_threads_agree_with_the_naive_kernel()
    {
        var gemm = new SimdGemm(threads: 2);
        GemmCheck.AgreesWithNaive(gemm, 20, 600, 2000, transposeA: false, transposeB: true, accumulate: true);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 9)]
    [InlineData(8, 8)]
    [InlineData(16, 24)]
    [InlineData(19, 35)]
    public unsafe void The_transpose_stores_or_adds_each_element_once(int rows, int columns)
    {
        var source = GemmCheck.Random(rows * columns, rows + columns);
        var initial = GemmCheck.Random(rows * columns, rows * columns);
        foreach (var useAvx in Avx.IsSupported ? new[] { false, true } : [false])
        {
            foreach (var accumulate in new[] { false, true })
            {
                var c = (float[])initial.Clone();
                fixed (float* from = source, to = c)
                {
                    GemmTranspose.Store(from, rows, columns, to, rows, accumulate, useAvx);
                }

                for (var i = 0; i < rows; i++)
                {
                    for (var j = 0; j < columns; j++)
                    {
                        var expected = source[(i * columns) + j] + (accumulate ? initial[(j * rows) + i] : 0f);
                        Assert.Equal(expected, c[(j * rows) + i]);
                    }
                }
            }
        }
    }
}
