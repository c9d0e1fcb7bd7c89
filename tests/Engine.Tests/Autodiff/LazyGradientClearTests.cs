using HyperSweep.Engine;
using HyperSweep.Engine.Layers;

namespace HyperSweep.Engine.Tests.Autodiff;

/// <summary>
/// A parameter's ZeroGrad clears lazily: the gradient reads as zero, and a weight GEMM that writes all of it
/// overwrites instead of adding. Every way of reaching the gradient must see the same values as an eager clear.
/// </summary>
public sealed class LazyGradientClearTests
{
    [Fact]
    public void A_parameter_gradient_reads_zero_after_zero_grad()
    {
        var w = new Parameter("w", [1f, 2f, 3f, 4f], 2, 2);
        var x = new Tensor([1f, -1f], 1, 2);
        x.MatMul(w).Sum().Backward();
        Assert.Equal([1f, 1f, -1f, -1f], w.Grad!);
        w.ZeroGrad();
        Assert.Equal([0f, 0f, 0f, 0f], w.Grad!);
    }

    [Fact]
    public void Linear_and_matmul_weight_gradients_after_zero_grad_equal_fresh_ones_and_still_accumulate()
    {
        var linear = new Linear("w", "b", 3, 4, new Random(1));
        var bare = new Linear("v", null, 3, 4, new Random(2));
        var x = new Tensor([0.5f, -1f, 2f, 1f, 0f, -0.5f], 2, 3);
        Tensor Loss() => (linear.Forward(x).Tanh() + bare.Forward(x)).Sum();

        Loss().Backward();
        var fresh = new[] { linear.Weight.Grad!.ToArray(), linear.Bias!.Grad!.ToArray(), bare.Weight.Grad!.ToArray() };

        foreach (var p in new[] { linear.Weight, linear.Bias!, bare.Weight })
        {
            p.ZeroGrad();
        }

        Loss().Backward();
        Assert.Equal(fresh[0], linear.Weight.Grad!);
        Assert.Equal(fresh[1], linear.Bias!.Grad!);
        Assert.Equal(fresh[2], bare.Weight.Grad!);

        Loss().Backward();   // no ZeroGrad: the GEMMs add
        Assert.Equal(fresh[0].Select(v => 2 * v), linear.Weight.Grad!);
        Assert.Equal(fresh[2].Select(v => 2 * v), bare.Weight.Grad!);
    }

    [Fact]
    public void A_parameter_on_both_sides_of_a_product_gets_both_contributions_after_zero_grad()
    {
        // d Σ(W·W) / dW: the first GEMM may overwrite the lazily cleared gradient, the second must add to it.
        var w = new Parameter("w", [1f, 2f, 3f, 4f], 2, 2);
        w.MatMul(w).Sum().Backward();
        var expected = w.Grad!.ToArray();
        w.ZeroGrad();
        w.MatMul(w).Sum().Backward();
        Assert.Equal(expected, w.Grad!);
    }
}
