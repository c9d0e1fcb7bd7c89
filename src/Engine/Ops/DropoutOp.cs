using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// Inverted dropout: each element is kept with probability 1 − p and scaled by 1 / (1 − p), so evaluation
/// needs no rescaling. The keep mask (already scaled) comes from the caller's seeded generator.
/// </summary>
internal sealed class DropoutOp : Op
{
    private readonly float[] _scaledMask;

    private DropoutOp(Tensor x, float[] scaledMask)
        : base(x)
    {
        _scaledMask = scaledMask;
    }

    public static Tensor Forward(Tensor x, float p, Random random)
    {
        if (p < 0f || p >= 1f)
        {
            throw new EngineException($"dropout: probability {p} is outside [0, 1).");
        }

        var keep = 1f / (1f - p);
        var mask = TensorArena.Allocate(x.Size);
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextDouble() >= p ? keep : 0f;
        }

        var y = Tensor.ForOutput(x.ShapeArray);
        TensorPrimitives.Multiply(x.Data, mask, y.Data);
        if (ShouldRecord(x))
        {
            y.SetCreator(new DropoutOp(x, mask));
        }

        return y;
    }

    public override void Backward(Tensor output)
    {
        var gx = Inputs[0].GradSpan();
        TensorPrimitives.MultiplyAdd(output.Grad!, _scaledMask, gx, gx);
    }
}
