using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

public sealed class VectorSgdTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(4096)]
    [InlineData(4103)]
    public void Vector_and_scalar_loops_update_like_the_formula_and_sum_the_squares(int length)
    {
        var gradient = GemmCheck.Random(length, length + 1);
        var initial = GemmCheck.Random(length, length + 2);
        foreach (var useVectors in new[] { true, false })
        {
            var weights = (float[])initial.Clone();
            var squares = VectorSgd.Apply(weights, gradient, -0.1f, useVectors);

            double expectedSquares = 0;
            for (var i = 0; i < length; i++)
            {
                Assert.Equal(MathF.FusedMultiplyAdd(gradient[i], -0.1f, initial[i]), weights[i]);
                expectedSquares += gradient[i] * (double)gradient[i];
            }

            Assert.Equal(expectedSquares, squares, 1e-5 * Math.Max(1, expectedSquares));
        }
    }

    [Fact]
    public void Spans_of_different_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => VectorSgd.Apply(new float[3], new float[4], 0.1f));
    }
}
