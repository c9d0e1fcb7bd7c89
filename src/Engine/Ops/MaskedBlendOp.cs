using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// Row-wise choice between two [B, H] tensors by a per-row weight m (0/1 for padding):
/// out[b] = m[b]·a[b] + (1 − m[b])·b[b]. This is the masked RNN update that carries the last real
/// state through padding (pack_padded_sequence semantics without packing).
/// </summary>
internal sealed class MaskedBlendOp : Op
{
    private readonly float[] _rowMask;

    private MaskedBlendOp(Tensor a, Tensor b, float[] rowMask)
        : base(a, b)
    {
        _rowMask = rowMask;
    }

    public static Tensor Forward(Tensor a, Tensor b, float[] rowMask)
    {
        const string name = "masked_blend";
        ShapeCheck.Rank(name, a, 2);
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            throw ShapeCheck.Mismatch(name, a, b, "must be equal");
        }

        var (rows, width) = (a.Dim(0), a.Dim(1));
        ShapeCheck.Length(name, $"row mask for {Tensor.Describe(a.Shape)}", rowMask.Length, rows);
        var output = Tensor.ForOutput(a.ShapeArray);
        for (var r = 0; r < rows; r++)
        {
            var m = rowMask[r];
            var destination = output.Data.AsSpan(r * width, width);
            if (m == 1f)
            {
                a.Data.AsSpan(r * width, width).CopyTo(destination);
            }
            else if (m == 0f)
            {
                b.Data.AsSpan(r * width, width).CopyTo(destination);
            }
            else
            {
                TensorPrimitives.Multiply(b.Data.AsSpan(r * width, width), 1f - m, destination);
                TensorPrimitives.MultiplyAdd(a.Data.AsSpan(r * width, width), m, destination, destination);
            }
        }

        if (ShouldRecord(a, b))
        {
            output.SetCreator(new MaskedBlendOp(a, b, (float[])rowMask.Clone()));
        }

        return output;
    }

    public override void Backward(Tensor output)
    {
        var (a, b) = (Inputs[0], Inputs[1]);
        var (rows, width) = (output.Dim(0), output.Dim(1));
        var g = output.Grad!;
        for (var r = 0; r < rows; r++)
        {
            var m = _rowMask[r];
            var gRow = g.AsSpan(r * width, width);
            if (a.RequiresGrad && m != 0f)
            {
                var destination = a.GradSpan().Slice(r * width, width);
                TensorPrimitives.MultiplyAdd(gRow, m, destination, destination);
            }

            if (b.RequiresGrad && m != 1f)
            {
                var destination = b.GradSpan().Slice(r * width, width);
                TensorPrimitives.MultiplyAdd(gRow, 1f - m, destination, destination);
            }
        }
    }
}
