using HyperSweep.Engine;
using static HyperSweep.Engine.Tests.Autodiff.GradientChecker;

namespace HyperSweep.Engine.Tests.Autodiff;

public sealed class GraphTests
{
    [Fact]
    public void A_tensor_used_twice_gets_both_contributions()
    {
        var x = new Tensor([0.5f, -2f, 3f], 3) { RequiresGrad = true };
        ((x * x) + x).Sum().Backward();
        Assert.Equal([2f, -3f, 7f], x.Grad!);   // d(x² + x) = 2x + 1
    }

    [Fact]
    public void Ops_that_store_into_a_fresh_gradient_still_add_a_second_contribution()
    {
        // Concat, reshape and linear store their input's gradient when nothing has flowed into it yet: the second use of
        // the same tensor must add to it.
        var x = new Tensor([0.5f, -2f, 3f, 1f], 2, 2) { RequiresGrad = true };
        (Tensor.Concat(x, x).Sum() + x.Reshape(4).Sum()).Backward();
        Assert.Equal([3f, 3f, 3f, 3f], x.Grad!);

        var linear = new HyperSweep.Engine.Layers.Linear("w", "b", 2, 3, new Random(3));
        var y = new Tensor([1f, 2f], 1, 2) { RequiresGrad = true };
        linear.Forward(y).Sum().Backward();
        var once = y.Grad!.ToArray();
        y.ZeroGrad();
        (linear.Forward(y).Sum() + linear.Forward(y).Sum()).Backward();
        Assert.Equal(once.Select(v => 2 * v), y.Grad!);
    }

    [Fact]
    public void Gradients_accumulate_across_backward_calls()
    {
        var x = new Tensor([1f, 2f], 2) { RequiresGrad = true };
        (x * 3f).Sum().Backward();
        (x * 3f).Sum().Backward();
        Assert.Equal([6f, 6f], x.Grad!);
        x.ZeroGrad();
        Assert.Equal([0f, 0f], x.Grad!);
    }

    [Fact]
    public void A_recurrent_weight_shared_across_time_is_gradient_checked()
    {
        var random = new Random(5);
        var w = Random(random, -0.5f, 0.5f, 3, 3);
        var x = Random(random, -1, 1, 2, 3);
        Check(
            () =>
            {
                var h = x;
                for (var t = 0; t < 4; t++)
                {
                    h = (h.MatMul(w) + x).Tanh();
                }

                return h;
            },
            [w, x]);
    }

    [Fact]
    public void A_1000_step_chain_backpropagates_without_recursion()
    {
        var w = new Tensor([0.5f], 1, 1) { RequiresGrad = true };
        var h = new Tensor([1f], 1, 1);
        for (var t = 0; t < 1000; t++)
        {
            h = (h.MatMul(w) + 0.5f).Tanh();
        }

        h.Sum().Backward();
        Assert.True(float.IsFinite(w.Grad![0]));
        Assert.NotEqual(0f, w.Grad[0]);

        // The same recurrence, differentiated by hand in double, must agree.
        double hv = 1, dh_dw = 0;
        for (var t = 0; t < 1000; t++)
        {
            var pre = (hv * 0.5f) + 0.5;
            var next = Math.Tanh(pre);
            dh_dw = (1 - (next * next)) * (hv + (0.5 * dh_dw));
            hv = next;
        }

        Assert.Equal(dh_dw, w.Grad[0], 1e-4);
    }

    [Fact]
    public void No_grad_scope_records_nothing()
    {
        var x = new Tensor([1f, 2f], 2) { RequiresGrad = true };
        Tensor y;
        using (new NoGradScope())
        {
            y = (x * x).Tanh();
            Assert.False(NoGradScope.GradEnabled);
        }

        Assert.True(NoGradScope.GradEnabled);
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Assert.ThrowsAny<EngineException>(() => y.Sum().Backward());
    }

    [Fact]
    public void Inputs_that_do_not_require_grad_get_none()
    {
        var x = new Tensor([1f, 2f], 2) { RequiresGrad = true };
        var c = new Tensor([3f, 4f], 2);
        (x * c).Sum().Backward();
        Assert.Null(c.Grad);
        Assert.Equal([3f, 4f], x.Grad!);
    }

    [Fact]
    public void Backward_needs_a_scalar()
    {
        var x = new Tensor([1f, 2f], 2) { RequiresGrad = true };
        var error = Assert.ThrowsAny<EngineException>(() => (x * 2f).Backward());
        Assert.Contains("[2]", error.Message);
    }

    [Fact]
    public void Shape_errors_name_the_op_and_both_shapes()
    {
        var a = Tensor.Zeros(2, 3);
        var b = Tensor.Zeros(4, 5);
        var matmul = Assert.ThrowsAny<EngineException>(() => a.MatMul(b));
        Assert.Contains("matmul", matmul.Message);
        Assert.Contains("[2, 3]", matmul.Message);
        Assert.Contains("[4, 5]", matmul.Message);

        var add = Assert.ThrowsAny<EngineException>(() => a + Tensor.Zeros(2));
        Assert.Contains("add", add.Message);
        Assert.Contains("[2, 3]", add.Message);
        Assert.Contains("[2]", add.Message);

        var concat = Assert.ThrowsAny<EngineException>(() => Tensor.Concat(a, Tensor.Zeros(3, 3)));
        Assert.Contains("concat", concat.Message);
        Assert.Contains("[3, 3]", concat.Message);
    }

    [Fact]
    public void Softmax_is_stable_for_huge_logits()
    {
        var x = new Tensor([1000f, 999f, -1000f], 1, 3);
        var p = x.Softmax();
        Assert.All(p.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1 / (1 + Math.Exp(-1)), p.Data[0], 1e-6);
        var loss = x.CrossEntropy([1]);
        Assert.Equal(Math.Log(1 + Math.Exp(1)), loss.Item(), 1e-4);
    }

    [Fact]
    public void Bad_token_ids_and_targets_are_reported()
    {
        var table = Tensor.Zeros(3, 2);
        var gather = Assert.ThrowsAny<EngineException>(() => table.Gather([0, 3], 2));
        Assert.Contains("token id 3", gather.Message);
        var ce = Assert.ThrowsAny<EngineException>(() => Tensor.Zeros(2, 3).CrossEntropy([0, 5]));
        Assert.Contains("target 5", ce.Message);
    }
}
