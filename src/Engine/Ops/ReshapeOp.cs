using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>Same values, another shape of the same size (the buffer is shared: ops never write into inputs).</summary>
internal sealed class ReshapeOp : Op
{
    private ReshapeOp(Tensor x)
        : base(x)
    {
    }

    public static Tensor Forward(Tensor x, int[] shape)
    {
        if (Tensor.SizeOf(shape) != x.Size)
        {
            throw new EngineException(
                $"reshape: shape {Tensor.Describe(x.Shape)} ({x.Size} values) cannot become {Tensor.Describe(shape)}.");
        }

        var y = new Tensor(x.Data, shape);
        if (ShouldRecord(x))
        {
            y.SetCreator(new ReshapeOp(x));
        }

        return y;
    }

    public override void Backward(Tensor output)
    {
        var x = Inputs[0];
        if (x.Grad is null)
        {
            // Nothing has flowed into x's gradient yet: it is the output's gradient, same values in the same order. The
            // buffer is handed over (the output releases nothing after this) instead of copied.
            x.Grad = output.Grad;
            output.Grad = null;
            return;
        }

        var gx = x.GradSpan();
        TensorPrimitives.Add(gx, output.Grad!, gx);
    }
}
