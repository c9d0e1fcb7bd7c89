using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>Columns [start, start + width) of the last axis (split = several slices; a gate block of an LSTM).</summary>
internal sealed class SliceLastOp : Op
{
    private readonly int _start;

    private SliceLastOp(Tensor x, int start)
        : base(x)
    {
        _start = start;
    }

    public static Tensor Forward(Tensor x, int start, int width)
    {
        if (x.Rank == 0 || start < 0 || width < 0 || start + width > x.Dim(-1))
        {
            throw new EngineException(
                $"slice: columns [{start}, {start + width}) are outside the last axis of shape {Tensor.Describe(x.Shape)}.");
        }

        var total = x.Dim(-1);
        var rows = total == 0 ? 0 : x.Size / total;
        var shape = x.ShapeArray.ToArray();
        shape[^1] = width;
        var output = Tensor.ForOutput(shape);
        for (var r = 0; r < rows; r++)
        {
            x.Data.AsSpan((r * total) + start, width).CopyTo(output.Data.AsSpan(r * width, width));
        }

        if (ShouldRecord(x))
        {
            output.SetCreator(new SliceLastOp(x, start));
        }

        return output;
    }

    public override void Backward(Tensor output)
    {
        var x = Inputs[0];
        var total = x.Dim(-1);
        var width = output.Dim(-1);
        var rows = output.Size / Math.Max(1, width);
        var gx = x.GradSpan();
        var g = output.Grad!;
        for (var r = 0; r < rows; r++)
        {
            var destination = gx.Slice((r * total) + _start, width);
            TensorPrimitives.Add(destination, g.AsSpan(r * width, width), destination);
        }
    }
}
