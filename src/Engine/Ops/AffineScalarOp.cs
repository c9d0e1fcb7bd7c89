using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>y = scale · x + shift with constant scalars (negation, x + c, x · c, 1 − x).</summary>
internal sealed class AffineScalarOp : Op
{
    private readonly float _scale;

    private AffineScalarOp(Tensor x, float scale)
        : base(x)
    {
        _scale = scale;
    }

    public static Tensor Forward(Tensor x, float scale, float shift)
    {
        var y = Tensor.ForOutput(x.ShapeArray);
        TensorPrimitives.Multiply(x.Data, scale, y.Data);
        TensorPrimitives.Add(y.Data, shift, y.Data);
        if (ShouldRecord(x))
        {
            y.SetCreator(new AffineScalarOp(x, scale));
        }

        return y;
    }

    public override void Backward(Tensor output)
    {
        var gx = Inputs[0].GradSpan();
        TensorPrimitives.MultiplyAdd(output.Grad!, _scale, gx, gx);
    }
}
