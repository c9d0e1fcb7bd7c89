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
                StoreFromOutput<TanhDerivative>(y, g, gx);
                break;
            case UnaryKind.Sigmoid:
                StoreFromOutput<SigmoidDerivative>(y, g, gx);
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
                AccumulateFromOutput<TanhDerivative>(y, g, gx);
                break;
            case UnaryKind.Sigmoid:
                AccumulateFromOutput<SigmoidDerivative>(y, g, gx);
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

    /// <summary>gx = g · f'(x), f' a function of y alone; the vector and scalar forms are the same operations in the same order.</summary>
    private static void StoreFromOutput<TDerivative>(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> gx)
        where TDerivative : struct, IDerivativeFromOutput
    {
        ref var yr = ref MemoryMarshal.GetReference(y);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var gxr = ref MemoryMarshal.GetReference(gx);
        var i = 0;
        for (; Vector256.IsHardwareAccelerated && i <= gx.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            TDerivative.Times(Vector256.LoadUnsafe(ref gr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref gxr, (nuint)i);
        }

        for (; i < gx.Length; i++)
        {
            gx[i] = TDerivative.Times(g[i], y[i]);
        }
    }

    /// <summary>gx += g · f'(x), f' a function of y alone: bit for bit the same in the vector body and the scalar tail.</summary>
    private static void AccumulateFromOutput<TDerivative>(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> gx)
        where TDerivative : struct, IDerivativeFromOutput
    {
        ref var yr = ref MemoryMarshal.GetReference(y);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var gxr = ref MemoryMarshal.GetReference(gx);
        var i = 0;
        for (; Vector256.IsHardwareAccelerated && i <= gx.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref gxr, (nuint)i)
                + TDerivative.Times(Vector256.LoadUnsafe(ref gr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i));
            v.StoreUnsafe(ref gxr, (nuint)i);
        }

        for (; i < gx.Length; i++)
        {
            gx[i] += TDerivative.Times(g[i], y[i]);
        }
    }

    /// <summary>g · f'(x) written in terms of y = f(x), at both widths (a struct: the JIT compiles one loop per form).</summary>
    private interface IDerivativeFromOutput
    {
        static abstract Vector256<float> Times(Vector256<float> g, Vector256<float> y);

        static abstract float Times(float g, float y);
    }

    /// <summary>tanh' = 1 − y².</summary>
    private readonly struct TanhDerivative : IDerivativeFromOutput
    {
        public static Vector256<float> Times(Vector256<float> g, Vector256<float> y) => g * (Vector256<float>.One - (y * y));

        public static float Times(float g, float y) => g * (1f - (y * y));
    }

    /// <summary>σ' = y·(1 − y).</summary>
    private readonly struct SigmoidDerivative : IDerivativeFromOutput
    {
        public static Vector256<float> Times(Vector256<float> g, Vector256<float> y) => g * y * (Vector256<float>.One - y);

        public static float Times(float g, float y) => g * y * (1f - y);
    }

    public override void Backward(Tensor output)
    {
        var x = Inputs[0];
        AccumulateGradient(_kind, x.Data, output.Data, output.Grad!, x.GradSpan());
    }
}
