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
}
