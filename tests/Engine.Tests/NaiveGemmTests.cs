using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests;

public sealed class NaiveGemmTests
{
    [Fact]
    public void Multiplies_a_2x3_by_a_3x2_matrix_in_every_transposed_form()
    {
        float[] a = [1, 2, 3, 4, 5, 6];          // 2×3
        float[] b = [7, 8, 9, 10, 11, 12];       // 3×2
        float[] expected = [58, 64, 139, 154];   // a·b
        float[] aT = [1, 4, 2, 5, 3, 6];         // a stored transposed (3×2)
        float[] bT = [7, 9, 11, 8, 10, 12];      // b stored transposed (2×3)
        var gemm = new NaiveGemm();

        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var c = new float[4];
            gemm.Multiply(ta ? aT : a, tb ? bT : b, c, 2, 2, 3, ta, tb);
            Assert.Equal(expected, c);
        }
    }

    [Fact]
    public void Accumulate_adds_to_the_existing_output()
    {
        float[] c = [1, 1, 1, 1];
        new NaiveGemm().Multiply([1, 0, 0, 1], [2, 3, 4, 5], c, 2, 2, 2, accumulate: true);
        Assert.Equal([3f, 4f, 5f, 6f], c);
    }
}
