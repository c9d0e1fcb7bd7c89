using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Ops;

internal enum UnaryKind
{
    Tanh,
    Sigmoid,
    Relu,
    Exp,
    Log,
}

/// <summary>Elementwise activations. Backward uses the saved output where the derivative is a function of it.</summary>
internal sealed class UnaryOp : Op
{
    private readonly UnaryKind _kind;

    private UnaryOp(UnaryKind kind, Tensor x)
        : base(x)
    {
        _kind = kind;
    }

    public static Tensor Forward(UnaryKind kind, Tensor x)
    {
        var y = Tensor.ForOutput(x.ShapeArray);
        Apply(kind, x.Data, y.Data);
        if (ShouldRecord(x))
        {
            y.SetCreator(new UnaryOp(kind, x));
        }

        return y;
    }

    /// <summary>The forward kernel, also used by fused ops that apply an activation in place.</summary>
    public static void Apply(UnaryKind kind, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (kind)
        {
            case UnaryKind.Tanh:
                VectorActivations.Tanh(x, y);
                break;
            case UnaryKind.Sigmoid:
                VectorActivations.Sigmoid(x, y);
                break;
            case UnaryKind.Relu:
                TensorPrimitives.Max(x, 0f, y);
                break;
            case UnaryKind.Exp:
                TensorPrimitives.Exp(x, y);
                break;
            case UnaryKind.Log:
                TensorPrimitives.Log(x, y);
                break;
        }
    }

    /// <summary>gx += g · f'(x), with f' written in terms of y = f(x) where possible.</summary>
    public static void AccumulateGradient(UnaryKind kind, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> gx)
    {
        switch (kind)
        {
            case UnaryKind.Tanh:
                for (var i = 0; i < gx.Length; i++)
                {
                    gx[i] += g[i] * (1f - (y[i] * y[i]));
                }

                break;
            case UnaryKind.Sigmoid:
                for (var i = 0; i < gx.Length; i++)
                {
                    gx[i] += g[i] * y[i] * (1f - y[i]);
                }

                break;
            case UnaryKind.Relu:
                // The derivative at exactly 0 is taken as 0 (ORACLE.md).
                for (var i = 0; i < gx.Length; i++)
                {
                    if (y[i] > 0f)
                    {
                        gx[i] += g[i];
                    }
                }

                break;
            case UnaryKind.Exp:
                TensorPrimitives.MultiplyAdd(g, y, gx, gx);
                break;
            case UnaryKind.Log:
                for (var i = 0; i < gx.Length; i++)
                {
                    gx[i] += g[i] / x[i];
                }

                break;
        }
    }

    public override void Backward(Tensor output)
    {
        var x = Inputs[0];
        AccumulateGradient(_kind, x.Data, output.Data, output.Grad!, x.GradSpan());
    }
}
