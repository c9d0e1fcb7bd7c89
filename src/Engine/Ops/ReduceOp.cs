using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// Sum or mean over all elements (to a rank-0 scalar) or over one axis (that axis removed).
/// The tensor is viewed as [outer, axisLength, inner]; backward broadcasts the gradient back, scaled.
/// </summary>
internal sealed class ReduceOp : Op
{
    private readonly int _outer;
    private readonly int _axisLength;
    private readonly int _inner;
    private readonly float _scale;

    private ReduceOp(Tensor x, int outer, int axisLength, int inner, float scale)
        : base(x)
    {
        _outer = outer;
        _axisLength = axisLength;
        _inner = inner;
        _scale = scale;
    }

    public static Tensor All(Tensor x, bool mean)
    {
        var y = Tensor.ForOutput([]);
        var scale = mean ? 1f / x.Size : 1f;
        if (mean && x.Size == 0)
        {
            throw new EngineException($"mean: tensor of shape {Tensor.Describe(x.Shape)} is empty.");
        }

        double sum = 0;
        foreach (var v in x.Data)
        {
            sum += v;
        }

        y.Data[0] = (float)(sum * scale);
        if (ShouldRecord(x))
        {
            y.SetCreator(new ReduceOp(x, 1, x.Size, 1, scale));
        }

        return y;
    }

    public static Tensor Axis(Tensor x, int axis, bool mean)
    {
        var name = mean ? "mean" : "sum";
        if (axis < 0)
        {
            axis += x.Rank;
        }

        if (axis < 0 || axis >= x.Rank)
        {
            throw new EngineException($"{name}: axis out of range for shape {Tensor.Describe(x.Shape)}.");
        }

        var shape = x.ShapeArray;
        var outer = 1;
        for (var i = 0; i < axis; i++)
        {
            outer *= shape[i];
        }

        var inner = 1;
        for (var i = axis + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        var length = shape[axis];
        if (mean && length == 0)
        {
            throw new EngineException($"mean: axis {axis} of shape {Tensor.Describe(x.Shape)} is empty.");
        }

        var scale = mean ? 1f / length : 1f;
        var outShape = shape.Where((_, i) => i != axis).ToArray();
        var y = Tensor.ForOutput(outShape);
        for (var o = 0; o < outer; o++)
        {
            var destination = y.Data.AsSpan(o * inner, inner);
            for (var j = 0; j < length; j++)
            {
                TensorPrimitives.Add(destination, x.Data.AsSpan(((o * length) + j) * inner, inner), destination);
            }

            if (mean)
            {
                TensorPrimitives.Multiply(destination, scale, destination);
            }
        }

        if (ShouldRecord(x))
        {
            y.SetCreator(new ReduceOp(x, outer, length, inner, scale));
        }

        return y;
    }

    public override void Backward(Tensor output)
    {
        var gx = Inputs[0].GradSpan();
        var g = output.Grad!;
        for (var o = 0; o < _outer; o++)
        {
            var gRow = g.AsSpan(o * _inner, _inner);
            for (var j = 0; j < _axisLength; j++)
            {
                var target = gx.Slice(((o * _axisLength) + j) * _inner, _inner);
                TensorPrimitives.MultiplyAdd(gRow, _scale, target, target);
            }
        }
    }
}
