using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

public sealed class SimdGemmColumnSumsTests
{
    public static TheoryData<string> Paths => new() { nameof(SimdGemmPath.Scalar), nameof(SimdGemmPath.Vector256), nameof(SimdGemmPath.Vector512), nameof(SimdGemmPath.Vector512Wide) };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Sums_every_column_once_across_block_boundaries(string pathName)
    {
        // Small blocks: several depth blocks (each adds its rows) and column blocks with a ragged last panel.
        var gemm = new SimdGemm(Enum.Parse<SimdGemmPath>(pathName), new GemmBlocking(Mc: 12, Kc: 7, Nc: 64));
        foreach (var accumulate in new[] { true, false })
        {
            AgreesWithReference(gemm, 29, 150, 30, transposeA: true, accumulate);
            AgreesWithReference(gemm, 29, 150, 30, transposeA: false, accumulate);
            AgreesWithReference(gemm, 1, 5, 1, transposeA: true, accumulate);
        }
    }

    [Theory]
    [InlineData(1, 70, 2100, 300)]   // columns split between threads
    [InlineData(2, 70, 2100, 300)]
    [InlineData(2, 200, 40, 64)]     // rows split: each thread packs all of B, only one may sum it
    public void Default_blocking_and_threads_agree_with_the_reference(int threads, int m, int n, int k)
    {
        AgreesWithReference(new SimdGemm(threads), m, n, k, transposeA: true);
    }

    [Fact]
    public void Sums_of_the_wrong_length_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new SimdGemm().MultiplyAccumulateWithColumnSums(new float[4], new float[4], new float[4], new float[3], 2, 2, 2));
        Assert.Contains("column sums", error.Message);
    }

    private static void AgreesWithReference(SimdGemm gemm, int m, int n, int k, bool transposeA, bool accumulate = true)
    {
        var a = GemmCheck.Random(m * k, 1);
        var b = GemmCheck.Random(k * n, 2);
        var c = GemmCheck.Random(m * n, 3);
        var sums = GemmCheck.Random(n, 4);
        var expectedC = (float[])c.Clone();
        new NaiveGemm().Multiply(a, b, expectedC, m, n, k, transposeA, false, accumulate);
        var expectedSums = new double[n];
        for (var j = 0; j < n; j++)
        {
            expectedSums[j] = sums[j];
            for (var p = 0; p < k; p++)
            {
                expectedSums[j] += b[(p * n) + j];
            }
        }

        gemm.MultiplyAccumulateWithColumnSums(a, b, c, sums, m, n, k, transposeA, accumulate);

        var tolerance = 1e-5 + (4e-7 * k * Math.Sqrt(k));
        for (var i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(expectedC[i] - c[i]) <= tolerance, $"C element {i}: expected {expectedC[i]}, got {c[i]}");
        }

        for (var j = 0; j < n; j++)
        {
            Assert.True(Math.Abs(expectedSums[j] - sums[j]) <= tolerance, $"sum of column {j}: expected {expectedSums[j]}, got {sums[j]}");
        }
    }
}
