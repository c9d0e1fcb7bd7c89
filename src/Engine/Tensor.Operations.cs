using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine;

/// <summary>The ops as Tensor methods and operators (edugrad's @tensor_op); each forwards to its file in Ops/.</summary>
public partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => BinaryOp.Forward(BinaryKind.Add, a, b);

    public static Tensor operator -(Tensor a, Tensor b) => BinaryOp.Forward(BinaryKind.Subtract, a, b);

    public static Tensor operator *(Tensor a, Tensor b) => BinaryOp.Forward(BinaryKind.Multiply, a, b);

    public static Tensor operator /(Tensor a, Tensor b) => BinaryOp.Forward(BinaryKind.Divide, a, b);

    public static Tensor operator +(Tensor a, float s) => AffineScalarOp.Forward(a, 1f, s);

    public static Tensor operator +(float s, Tensor a) => AffineScalarOp.Forward(a, 1f, s);

    public static Tensor operator -(Tensor a, float s) => AffineScalarOp.Forward(a, 1f, -s);

    public static Tensor operator -(float s, Tensor a) => AffineScalarOp.Forward(a, -1f, s);

    public static Tensor operator *(Tensor a, float s) => AffineScalarOp.Forward(a, s, 0f);

    public static Tensor operator *(float s, Tensor a) => AffineScalarOp.Forward(a, s, 0f);

    public static Tensor operator /(Tensor a, float s) => AffineScalarOp.Forward(a, 1f / s, 0f);

    public static Tensor operator -(Tensor a) => AffineScalarOp.Forward(a, -1f, 0f);

    /// <summary>op(this)·op(other) for matrices; transposes are read in place.</summary>
    public Tensor MatMul(Tensor other, bool transposeThis = false, bool transposeOther = false)
        => MatMulOp.Forward(this, other, transposeThis, transposeOther);

    /// <summary>x·W + b in one op (x [N, in], W [in, out], b [out]).</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor bias) => LinearOp.Forward(x, weight, bias);

    public Tensor Sum() => ReduceOp.All(this, mean: false);

    public Tensor Mean() => ReduceOp.All(this, mean: true);

    public Tensor Sum(int axis) => ReduceOp.Axis(this, axis, mean: false);

    public Tensor Mean(int axis) => ReduceOp.Axis(this, axis, mean: true);

    public Tensor Tanh() => UnaryOp.Forward(UnaryKind.Tanh, this);

    public Tensor Sigmoid() => UnaryOp.Forward(UnaryKind.Sigmoid, this);

    public Tensor Relu() => UnaryOp.Forward(UnaryKind.Relu, this);

    public Tensor Exp() => UnaryOp.Forward(UnaryKind.Exp, this);

    public Tensor Log() => UnaryOp.Forward(UnaryKind.Log, this);

    /// <summary>Softmax over the last axis (max-stabilised).</summary>
    public Tensor Softmax() => SoftmaxOp.Forward(this, log: false);

    /// <summary>Log-softmax over the last axis (max-stabilised).</summary>
    public Tensor LogSoftmax() => SoftmaxOp.Forward(this, log: true);

    /// <summary>
    /// Mean cross-entropy of these logits (rows of the last axis) against <paramref name="targets"/>,
    /// weighted by <paramref name="mask"/> (optional, one weight per row); targets below 0 are padding.
    /// </summary>
    public Tensor CrossEntropy(int[] targets, float[]? mask = null) => CrossEntropyOp.Forward(this, targets, mask, mean: true);

    /// <summary>
    /// <see cref="CrossEntropy"/> that writes the softmax over this tensor's values (no second logits-sized buffer):
    /// for a model's loss on logits it made and reads no more. This tensor's values are gone afterwards.
    /// </summary>
    internal Tensor CrossEntropyConsumingLogits(int[] targets, float[]? mask = null) =>
        CrossEntropyOp.Forward(this, targets, mask, mean: true, consumeLogits: true);

    /// <summary>Like <see cref="CrossEntropy"/> but the weighted sum instead of the mean.</summary>
    public Tensor CrossEntropySum(int[] targets, float[]? mask = null) => CrossEntropyOp.Forward(this, targets, mask, mean: false);

    /// <summary>Rows of this [V, E] table by id: ids of shape S give S + [E]; negative ids give zero rows.</summary>
    public Tensor Gather(int[] ids, params int[] idsShape) => EmbeddingOp.Forward(this, ids, idsShape);

    public static Tensor Concat(params Tensor[] parts) => ConcatOp.Forward(parts);

    public static Tensor Concat(IReadOnlyList<Tensor> parts) => ConcatOp.Forward(parts);

    /// <summary>Columns [start, start + width) of the last axis.</summary>
    public Tensor Slice(int start, int width) => SliceLastOp.Forward(this, start, width);

    /// <summary>Splits the last axis into consecutive parts of the given widths.</summary>
    public Tensor[] Split(params int[] widths)
    {
        var parts = new Tensor[widths.Length];
        var start = 0;
        for (var i = 0; i < widths.Length; i++)
        {
            parts[i] = SliceLastOp.Forward(this, start, widths[i]);
            start += widths[i];
        }

        if (start != Dim(-1))
        {
            throw new EngineException($"split: widths sum to {start}, but the last axis of {Describe(Shape)} is {Dim(-1)}.");
        }

        return parts;
    }

    /// <summary>Step t of a [B, T, H] tensor as [B, H].</summary>
    public Tensor SelectTime(int t) => SelectTimeOp.Forward(this, t);

    /// <summary>[B, H] steps stacked into [B, T, H].</summary>
    public static Tensor StackTime(IReadOnlyList<Tensor> steps) => StackTimeOp.Forward(steps);

    /// <summary>Inverted dropout with keep mask drawn from <paramref name="random"/>.</summary>
    public Tensor Dropout(float p, Random random) => DropoutOp.Forward(this, p, random);

    /// <summary>[B, T, E] averaged over time with a [B, T] mask into [B, E].</summary>
    public Tensor MaskedMean(float[] mask) => MaskedMeanOp.Forward(this, mask);

    public Tensor Reshape(params int[] shape) => ReshapeOp.Forward(this, shape);

    public Tensor Transpose() => TransposeOp.Forward(this);

    /// <summary>Per row b: m[b]·a[b] + (1 − m[b])·other[b] (the masked RNN update).</summary>
    public static Tensor BlendRows(Tensor a, Tensor other, float[] rowMask) => MaskedBlendOp.Forward(a, other, rowMask);
}
