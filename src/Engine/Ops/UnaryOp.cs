using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>
    /// gx = g · f'(x) from y = f(x) (stored, not added: gx need not be cleared first), for the activations whose
    /// derivative is a function of y alone: tanh, sigmoid and ReLU (a recurrent cell's fresh dX).
    /// </summary>
    public static void StoreGradient(UnaryKind kind, ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> gx)
    {
        if (y.Length < gx.Length || g.Length < gx.Length)
        {
            throw new ArgumentException($"activation gradient: {gx.Length} outputs but y has {y.Length} and g {g.Length} values.", nameof(gx));
        }

        ref var yr = ref MemoryMarshal.GetReference(y);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var gxr = ref MemoryMarshal.GetReference(gx);
        var lanes = Vector256<float>.Count;
        var i = 0;
        switch (kind)
        {
            case UnaryKind.Tanh:
                for (; Vector256.IsHardwareAccelerated && i <= gx.Length - lanes; i += lanes)
                {
                    var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                    (Vector256.LoadUnsafe(ref gr, (nuint)i) * (Vector256<float>.One - (yv * yv))).StoreUnsafe(ref gxr, (nuint)i);
                }

                for (; i < gx.Length; i++)
                {
                    gx[i] = g[i] * (1f - (y[i] * y[i]));
                }

                break;
            case UnaryKind.Sigmoid:
                for (; Vector256.IsHardwareAccelerated && i <= gx.Length - lanes; i += lanes)
                {
                    var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                    (Vector256.LoadUnsafe(ref gr, (nuint)i) * yv * (Vector256<float>.One - yv)).StoreUnsafe(ref gxr, (nuint)i);
                }

                for (; i < gx.Length; i++)
                {
                    gx[i] = g[i] * y[i] * (1f - y[i]);
                }

                break;
            case UnaryKind.Relu:
                // The derivative at exactly 0 is taken as 0 (ORACLE.md).
                for (; Vector256.IsHardwareAccelerated && i <= gx.Length - lanes; i += lanes)
                {
                    var positive = Vector256.GreaterThan(Vector256.LoadUnsafe(ref yr, (nuint)i), Vector256<float>.Zero);
                    (Vector256.LoadUnsafe(ref gr, (nuint)i) & positive).StoreUnsafe(ref gxr, (nuint)i);
                }

                for (; i < gx.Length; i++)
                {
                    gx[i] = y[i] > 0f ? g[i] : 0f;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "activation gradient: only tanh, sigmoid and relu are stored from y alone.");
        }
    }

    /// <summary>gx += g · f'(x), with f' written in terms of y = f(x) where possible.</summary>
    public static void AccumulateGradient(UnaryKind kind, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> gx)
    {
        if (y.Length < gx.Length || g.Length < gx.Length)
        {
            throw new ArgumentException($"activation gradient: {gx.Length} outputs but y has {y.Length} and g {g.Length} values.", nameof(gx));
        }

        switch (kind)
        {
            case UnaryKind.Tanh:
            {
                // Vectors of the same operations in the same order as the scalar tail: the same result bit for bit.
                var i = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    ref var yr = ref MemoryMarshal.GetReference(y);
                    ref var gr = ref MemoryMarshal.GetReference(g);
                    ref var gxr = ref MemoryMarshal.GetReference(gx);
                    for (; i <= gx.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                    {
                        var yv = Vector256.LoadUnsafe(ref yr, (nuint)i);
                        var v = Vector256.LoadUnsafe(ref gxr, (nuint)i) + (Vector256.LoadUnsafe(ref gr, (nuint)i) * (Vector256<float>.One - (yv * yv)));
                        v.StoreUnsafe(ref gxr, (nuint)i);
                    }
                }

                for (; i < gx.Length; i++)
                {
                    gx[i] += g[i] * (1f - (y[i] * y[i]));
                }

                break;
            }

            case UnaryKind.Sigmoid:
            {
                var j = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    ref var yr = ref MemoryMarshal.GetReference(y);
                    ref var gr = ref MemoryMarshal.GetReference(g);
                    ref var gxr = ref MemoryMarshal.GetReference(gx);
                    for (; j <= gx.Length - Vector256<float>.Count; j += Vector256<float>.Count)
                    {
                        var yv = Vector256.LoadUnsafe(ref yr, (nuint)j);
                        var v = Vector256.LoadUnsafe(ref gxr, (nuint)j) + (Vector256.LoadUnsafe(ref gr, (nuint)j) * yv * (Vector256<float>.One - yv));
                        v.StoreUnsafe(ref gxr, (nuint)j);
                    }
                }

                for (; j < gx.Length; j++)
                {
                    gx[j] += g[j] * y[j] * (1f - y[j]);
                }

                break;
            }

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
