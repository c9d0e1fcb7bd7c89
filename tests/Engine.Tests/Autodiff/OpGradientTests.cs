using HyperSweep.Engine;
using static HyperSweep.Engine.Tests.Autodiff.GradientChecker;

namespace HyperSweep.Engine.Tests.Autodiff;

public sealed class OpGradientTests
{
    private readonly Random _random = new(1234);

    public static TheoryData<int[], int[]> BroadcastShapes => new()
    {
        { [3, 4], [3, 4] },
        { [3, 4], [4] },
        { [2, 3, 5], [5] },
        { [2, 3, 5], [3, 5] },
        { [4], [2, 3, 4] },
        { [2, 3], [] },
        { [], [3, 2] },
    };

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Add_subtract_multiply_divide_with_broadcasting(int[] shapeA, int[] shapeB)
    {
        var a = AwayFromZero(_random, shapeA);
        var b = AwayFromZero(_random, shapeB);
        Check(() => a + b, [a, b]);
        Check(() => a - b, [a, b]);
        Check(() => a * b, [a, b]);
        Check(() => a / b, [a, b]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_shapes_for_broadcasting_matmul_reductions_and_row_ops(int seed)
    {
        var shapes = new Random(seed);
        int Dim() => shapes.Next(1, 7);
        var (b, t, n) = (Dim(), Dim(), Dim());
        var big = AwayFromZero(_random, b, t, n);
        var row = AwayFromZero(_random, n);
        var plane = AwayFromZero(_random, t, n);
        Check(() => (big * row) + plane, [big, row, plane]);
        Check(() => big / row - plane, [big, row, plane]);

        var (m, k) = (Dim(), Dim());
        var a = Random(_random, -1, 1, m, k);
        var w = Random(_random, -1, 1, n, k);
        Check(() => a.MatMul(w, transposeOther: true).Softmax(), [a, w]);
        var axis = shapes.Next(3);
        Check(() => big.Sum(axis).LogSoftmax(), [big]);

        var mask = Enumerable.Range(0, b * t).Select(i => i % t == 0 || shapes.Next(2) == 0 ? 1f : 0f).ToArray();
        Check(() => big.MaskedMean(mask), [big]);
        var targets = Enumerable.Range(0, b * t).Select(_ => shapes.Next(-1, n)).ToArray();
        if (targets.Any(target => target >= 0))
        {
            Check(() => big.CrossEntropy(targets, mask.Select(v => v + 0.5f).ToArray()), [big]);
        }
    }

    [Fact]
    public void Scalar_arithmetic()
    {
        var x = Random(_random, -1, 1, 3, 4);
        Check(() => (x * 2.5f) + 1f, [x]);
        Check(() => 1f - x, [x]);
        Check(() => -x / 4f, [x]);
    }

    [Theory]
    [InlineData(3, 5, 4, false, false)]
    [InlineData(3, 5, 4, true, false)]
    [InlineData(3, 5, 4, false, true)]
    [InlineData(2, 7, 6, true, true)]
    [InlineData(1, 1, 9, false, true)]
    public void Matmul_in_every_transposed_form(int m, int n, int k, bool transposeA, bool transposeB)
    {
        var a = Random(_random, -1, 1, transposeA ? [k, m] : [m, k]);
        var b = Random(_random, -1, 1, transposeB ? [n, k] : [k, n]);
        Check(() => a.MatMul(b, transposeA, transposeB), [a, b]);
    }

    [Fact]
    public void Fused_linear_with_bias()
    {
        var x = Random(_random, -1, 1, 5, 3);
        var w = Random(_random, -1, 1, 3, 4);
        var b = Random(_random, -1, 1, 4);
        Check(() => Tensor.Linear(x, w, b), [x, w, b]);
    }

    [Fact]
    public void Sum_and_mean_over_everything_and_each_axis()
    {
        var x = Random(_random, -1, 1, 2, 3, 4);
        Check(() => x.Sum(), [x]);
        Check(() => x.Mean(), [x]);
        for (var axis = 0; axis < 3; axis++)
        {
            var a = axis;
            Check(() => x.Sum(a), [x]);
            Check(() => x.Mean(a), [x]);
        }

        Check(() => x.Mean(-1), [x]);
    }

    [Fact]
    public void Activations_tanh_sigmoid_relu_exp_log()
    {
        var x = AwayFromZero(_random, 3, 5);
        var positive = Random(_random, 0.5f, 2f, 3, 5);
        Check(() => x.Tanh(), [x]);
        Check(() => x.Sigmoid(), [x]);
        Check(() => x.Relu(), [x]);
        Check(() => x.Exp(), [x]);
        Check(() => positive.Log(), [positive]);
    }

    [Theory]
    [InlineData(new[] { 4, 6 })]
    [InlineData(new[] { 2, 3, 5 })]
    [InlineData(new[] { 7 })]
    public void Softmax_and_log_softmax_over_the_last_axis(int[] shape)
    {
        var x = Random(_random, -3, 3, shape);
        Check(() => x.Softmax(), [x]);
        Check(() => x.LogSoftmax(), [x]);
    }

    [Fact]
    public void Cross_entropy_with_mask_and_padding_targets()
    {
        var logits = Random(_random, -2, 2, 6, 5);
        int[] targets = [0, 4, -1, 2, 3, 1];
        float[] mask = [1, 1, 1, 0, 0.5f, 1];
        Check(() => logits.CrossEntropy(targets), [logits]);
        Check(() => logits.CrossEntropy(targets, mask), [logits]);
        Check(() => logits.CrossEntropySum(targets, mask), [logits]);
        var sequences = Random(_random, -2, 2, 2, 3, 4);
        Check(() => sequences.CrossEntropy([0, 1, 2, 3, 0, 1], [1, 1, 0, 1, 0, 1]), [sequences]);
    }

    [Fact]
    public void Cross_entropy_that_consumes_its_logits_matches_the_plain_one()
    {
        // The logits must be an op's fresh output (they are overwritten): x · 1 makes new ones at every call.
        var x = Random(_random, -2, 2, 6, 5);
        int[] targets = [0, 4, -1, 2, 3, 1];
        float[] mask = [1, 1, 1, 0, 0.5f, 1];
        Check(() => (x * 1f).CrossEntropyConsumingLogits(targets, mask), [x]);

        x.ZeroGrad();
        var plain = (x * 1f).CrossEntropy(targets, mask);
        plain.Backward();
        var plainGradient = (float[])x.Grad!.Clone();
        x.ZeroGrad();
        var consumed = (x * 1f).CrossEntropyConsumingLogits(targets, mask);
        consumed.Backward();
        Assert.Equal(plain.Item(), consumed.Item());
        Assert.Equal(plainGradient, x.Grad!);
    }

    [Fact]
    public void Gather_with_repeated_and_padding_ids()
    {
        var table = Random(_random, -1, 1, 6, 3);
        int[] ids = [1, 4, 1, -1, 5, 1];
        Check(() => table.Gather(ids, 2, 3), [table]);
        Check(() => table.Gather(ids, 6), [table]);
    }

    [Fact]
    public void Concat_slice_and_split_on_the_last_axis()
    {
        var a = Random(_random, -1, 1, 2, 3, 2);
        var b = Random(_random, -1, 1, 2, 3, 4);
        Check(() => Tensor.Concat(a, b, a), [a, b]);
        Check(() => b.Slice(1, 2), [b]);
        Check(() => b.Split(1, 3)[1] * b.Split(3, 1)[0], [b]);
    }

    [Fact]
    public void Select_and_stack_time_steps()
    {
        var x = Random(_random, -1, 1, 2, 4, 3);
        var p = Random(_random, -1, 1, 2, 3);
        var q = Random(_random, -1, 1, 2, 3);
        Check(() => x.SelectTime(2), [x]);
        Check(() => Tensor.StackTime([p, q, p]), [p, q]);
    }

    [Fact]
    public void Dropout_with_a_fixed_seed()
    {
        var x = Random(_random, -1, 1, 4, 5);
        Check(() => x.Dropout(0.4f, new Random(99)), [x]);
    }

    [Fact]
    public void Masked_mean_over_time()
    {
        var x = Random(_random, -1, 1, 3, 4, 2);
        float[] mask = [1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1];
        Check(() => x.MaskedMean(mask), [x]);
    }

    [Fact]
    public void Reshape_transpose_and_row_blend()
    {
        var x = Random(_random, -1, 1, 2, 6);
        Check(() => x.Reshape(3, 4) * x.Reshape(3, 4), [x]);
        Check(() => x.Transpose(), [x]);
        var y = Random(_random, -1, 1, 2, 6);
        Check(() => Tensor.BlendRows(x, y, [1f, 0f]), [x, y]);
        Check(() => Tensor.BlendRows(x, y, [0.25f, 1f]), [x, y]);
    }
}
