using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>Time step t of a batch-major [B, T, H] tensor, as [B, H].</summary>
internal sealed class SelectTimeOp : Op
{
    private readonly int _t;

    private SelectTimeOp(Tensor x, int t)
        : base(x)
    {
        _t = t;
    }

    public static Tensor Forward(Tensor x, int t)
    {
        ShapeCheck.Rank("select_time", x, 3);
        var (batch, steps, width) = (x.Dim(0), x.Dim(1), x.Dim(2));
        if (t < 0 || t >= steps)
        {
            throw new EngineException($"select_time: step {t} is outside 0..{steps - 1} of shape {Tensor.Describe(x.Shape)}.");
        }

        var output = Tensor.ForOutput([batch, width]);
        for (var b = 0; b < batch; b++)
        {
            x.Data.AsSpan(((b * steps) + t) * width, width).CopyTo(output.Data.AsSpan(b * width, width));
        }

        if (ShouldRecord(x))
        {
            output.SetCreator(new SelectTimeOp(x, t));
        }

        return output;
    }

    public override void Backward(Tensor output)
    {
        var x = Inputs[0];
        var (batch, steps, width) = (x.Dim(0), x.Dim(1), x.Dim(2));
        var gx = x.GradSpan();
        var g = output.Grad!;
        for (var b = 0; b < batch; b++)
        {
            var destination = gx.Slice(((b * steps) + _t) * width, width);
            TensorPrimitives.Add(destination, g.AsSpan(b * width, width), destination);
        }
    }
}
