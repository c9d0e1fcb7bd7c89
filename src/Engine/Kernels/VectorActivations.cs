using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Sigmoid and tanh over spans built on <see cref="VectorExp"/> (float arithmetic, a few ulp; tanh near 0 by
/// Cephes' odd polynomial so small values keep their relative accuracy). TensorPrimitives' versions go through
/// a double-precision exp and cost the recurrent cells about as much as their GEMMs' packing (perf profile,
/// bench/README.md). In place is allowed (<paramref name="x"/> and the destination the same span).
/// </summary>
internal static class VectorActivations
{
    private const float SmallTanh = 0.625f;

    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        Check(x, y);
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var destination = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Sigmoid(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = 1f / (1f + MathF.Exp(-x[i]));
        }
    }

    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        Check(x, y);
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var destination = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Tanh(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = MathF.Tanh(x[i]);
        }
    }

    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        return Vector256<float>.One / (Vector256<float>.One + VectorExp.Exp(-x));
    }

    public static Vector256<float> Tanh(Vector256<float> x)
    {
        // Large |x|: 1 − 2 / (e^2x + 1), exact limits ±1 (e^2x = ∞ or ≈ 0). Small |x|: x + x³·P(x²), Cephes' tanhf.
        var large = Vector256<float>.One - (Vector256.Create(2f) / (VectorExp.Exp(x + x) + Vector256<float>.One));
        var z = x * x;
        var p = Vector256.Create(-5.70498872745e-3f);
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(2.06390887954e-2f));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(-5.37397155531e-2f));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(1.33314422036e-1f));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(-3.33332819422e-1f));
        var small = Vector256.FusedMultiplyAdd(p * z, x, x);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SmallTanh)), small, large);
    }

    private static void Check(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException($"activation: destination has {y.Length} elements, the source {x.Length}.", nameof(y));
        }
    }
}
