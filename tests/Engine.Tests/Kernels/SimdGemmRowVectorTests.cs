using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

public sealed class SimdGemmRowVectorTests
{
    public static TheoryData<string> Paths => new() { nameof(SimdGemmPath.Scalar), nameof(SimdGemmPath.Vector256), nameof(SimdGemmPath.Vector512), nameof(SimdGemmPath.Vector512Wide) };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Rows_start_from_the_vector_across_every_block_boundary_and_transpose_form(string pathName)
    {
        // Small blocks: several row, column and depth blocks with ragged edges, so the vector must start C in the
        // first depth block only and reach the edge tiles too.
        var gemm = new SimdGemm(Enum.Parse<SimdGemmPath>(pathName), new GemmBlocking(Mc: 12, Kc: 7, Nc: 64));
        foreach (var (transposeA, transposeB) in GemmCheck.TransposeForms())
        {
            AgreesWithNaivePlusVector(gemm, 29, 150, 30, transposeA, transposeB);
            AgreesWithNaivePlusVector(gemm, 6, 16, 1, transposeA, transposeB);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Default_blocking_and_threads_agree_on_the_language_model_shape(int threads)
    {
        AgreesWithNaivePlusVector(new SimdGemm(threads), 70, 2100, 256, false, false);
        AgreesWithNaivePlusVector(new SimdGemm(threads), 200, 40, 64, false, false);
    }

    [Fact]
    public void Zero_depth_gives_the_vector_in_every_row()
    {
        var c = new float[6];
        new SimdGemm().MultiplyAddRowVector([], [], [1f, 2f, 3f], c, 2, 3, 0);
        Assert.Equal([1f, 2f, 3f, 1f, 2f, 3f], c);
    }

    [Fact]
    public void A_vector_of_the_wrong_length_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SimdGemm().MultiplyAddRowVector(new float[4], new float[4], new float[3], new float[4], 2, 2, 2));
        Assert.Contains("row vector", error.Message);
    }

    private static void AgreesWithNaivePlusVector(SimdGemm gemm, int m, int n, int k, bool transposeA, bool transposeB)
    {
        var a = GemmCheck.Random(m * k, 1);
        var b = GemmCheck.Random(k * n, 2);
        var vector = GemmCheck.Random(n, 3);
        var expected = new float[m * n];
        for (var r = 0; r < m; r++)
        {
            vector.CopyTo(expected, r * n);
        }

        new NaiveGemm().Multiply(a, b, expected, m, n, k, transposeA, transposeB, accumulate: true);
        var actual = GemmCheck.Random(m * n, 4);   // garbage that must be overwritten
        gemm.MultiplyAddRowVector(a, b, vector, actual, m, n, k, transposeA, transposeB);

        var tolerance = 1e-5 + (4e-7 * k * Math.Sqrt(k));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]} (m={m}, n={n}, k={k}, tA={transposeA}, tB={transposeB})");
        }
    }
}
