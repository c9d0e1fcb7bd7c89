using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

public sealed class VectorActivationsTests
{
    // 203 values: 25 full vectors and a scalar tail of 3, from −40 to 40 with many small magnitudes near 0.
    private static float[] Inputs()
    {
        return Enumerable.Range(0, 203).Select(i => (float)(Math.Sinh((i - 101) / 20.0) * 0.75)).ToArray();
    }

    [Fact]
    public void Sigmoid_matches_double_precision_within_a_few_ulp()
    {
        var x = Inputs();
        var y = new float[x.Length];
        VectorActivations.Sigmoid(x, y);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = 1 / (1 + Math.Exp(-x[i]));
            Assert.True(Math.Abs(y[i] - expected) <= 4e-7 * expected, $"sigmoid({x[i]}) = {y[i]}, expected {expected}");
        }
    }

    [Fact]
    public void Tanh_matches_double_precision_keeping_relative_accuracy_near_zero()
    {
        var x = Inputs();
        var y = (float[])x.Clone();
        VectorActivations.Tanh(y, y);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = Math.Tanh(x[i]);
            Assert.True(Math.Abs(y[i] - expected) <= 4e-7 * Math.Abs(expected) + 1e-30, $"tanh({x[i]}) = {y[i]}, expected {expected}");
        }

        Assert.Equal(1f, y[^1]);
        Assert.Equal(-1f, y[0]);
    }
}
