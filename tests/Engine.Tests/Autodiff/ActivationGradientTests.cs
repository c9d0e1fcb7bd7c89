using HyperSweep.Engine.Ops;
using HyperSweep.Engine.Tests.Kernels;

namespace HyperSweep.Engine.Tests.Autodiff;

public sealed class ActivationGradientTests
{
    [Theory]
    [InlineData(7)]    // the scalar loop only
    [InlineData(8)]
    [InlineData(37)]   // vectors and a scalar tail
    public void Tanh_and_sigmoid_gradients_add_exactly_what_the_scalar_formula_gives(int length)
    {
        var y = GemmCheck.Random(length, 1);
        var g = GemmCheck.Random(length, 2);
        var initial = GemmCheck.Random(length, 3);
        foreach (var kind in new[] { UnaryKind.Tanh, UnaryKind.Sigmoid })
        {
            var gx = (float[])initial.Clone();
            UnaryOp.AccumulateGradient(kind, y, y, g, gx);
            for (var i = 0; i < length; i++)
            {
                var expected = kind == UnaryKind.Tanh ? initial[i] + (g[i] * (1f - (y[i] * y[i]))) : initial[i] + (g[i] * y[i] * (1f - y[i]));
                Assert.Equal(expected, gx[i]);
            }
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(37)]
    public void Stored_gradients_equal_the_accumulated_ones_into_zeros(int length)
    {
        var y = GemmCheck.Random(length, 4);
        y[0] = 0f;   // ReLU's derivative at exactly 0 is 0
        var g = GemmCheck.Random(length, 5);
        foreach (var kind in new[] { UnaryKind.Tanh, UnaryKind.Sigmoid, UnaryKind.Relu })
        {
            var accumulated = new float[length];
            UnaryOp.AccumulateGradient(kind, y, y, g, accumulated);
            var stored = GemmCheck.Random(length, 6);   // garbage that must be overwritten
            UnaryOp.StoreGradient(kind, y, g, stored);
            Assert.Equal(accumulated, stored);
        }
    }
}
