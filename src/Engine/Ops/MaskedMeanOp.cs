using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// Mean over time of [B, T, E] with a [B, T] mask: out[b] = Σ_t m[b,t]·x[b,t] / Σ_t m[b,t] (DAN's average).
/// A row with no real token is an error (it has no average).
/// </summary>
internal sealed class MaskedMeanOp : Op
{
    private readonly float[] _mask;
    private readonly float[] _inverseCounts;

    private MaskedMeanOp(Tensor x, float[] mask, float[] inverseCounts)
        : base(x)
    {
        _mask = mask;
        _inverseCounts = inverseCounts;
    }

    public static Tensor Forward(Tensor x, float[] mask)
    {
        const string name = "masked_mean";
        ShapeCheck.Rank(name, x, 3);
        var (batch, steps, width) = (x.Dim(0), x.Dim(1), x.Dim(2));
        ShapeCheck.Length(name, $"mask for {Tensor.Describe(x.Shape)}", mask.Length, batch * steps);
        var inverseCounts = TensorArena.Allocate(batch);
        var output = Tensor.ForOutput([batch, width]);
        for (var b = 0; b < batch; b++)
        {
            double count = 0;
            var destination = output.Data.AsSpan(b * width, width);
            for (var t = 0; t < steps; t++)
            {
                var m = mask[(b * steps) + t];
                if (m != 0f)
                {
                    count += m;
                    TensorPrimitives.MultiplyAdd(x.Data.AsSpan(((b * steps) + t) * width, width), m, destination, destination);
                }
            }

            if (count <= 0)
            {
                throw new EngineException($"{name}: example {b} has no real token in its mask.");
            }

            inverseCounts[b] = (float)(1.0 / count);
            TensorPrimitives.Multiply(destination, inverseCounts[b], destination);
        }

        if (ShouldRecord(x))
        {
            output.SetCreator(new MaskedMeanOp(x, (float[])mask.Clone(), inverseCounts));
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
            var gRow = g.AsSpan(b * width, width);
            for (var t = 0; t < steps; t++)
            {
                var m = _mask[(b * steps) + t];
                if (m != 0f)
                {
                    var destination = gx.Slice(((b * steps) + t) * width, width);
                    TensorPrimitives.MultiplyAdd(gRow, m * _inverseCounts[b], destination, destination);
                }
            }
        }
    }
}
