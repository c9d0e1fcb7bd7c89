using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// exp of eight floats in float arithmetic (Cephes' expf: x = n·ln2 + r, |r| ≤ ln2/2, a degree-6 polynomial for
/// e^r, 2^n through the exponent bits), relative error ≤ 2 ulp. .NET's Vector256.Exp widens to double for its
/// last-bit accuracy and costs about three times as much; the language models' softmax takes 11 M exps a step,
/// where that difference was 5–8 % of the whole step (perf profile, bench/README.md).
/// Inputs above 88.72 give +∞; inputs below −87.33 are clamped there (e^−87.33 ≈ 1.2e−38, not 0); NaN stays NaN.
/// </summary>
internal static class VectorExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float Upper = 88.7228391f;
    private const float Lower = -87.3365447f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var overflow = Vector256.GreaterThan(x, Vector256.Create(Upper));
        // The native min/max (single instructions) may turn NaN into a bound: NaN is put back at the end.
        var clamped = Vector256.MaxNative(Vector256.MinNative(x, Vector256.Create(Upper)), Vector256.Create(Lower));
        var p = Reduced(clamped, out var n);

        // 2^n for n in [−126, 128] as 2^h · 2^(n−h), h = n/2: both factors are normal floats, so neither end of the
        // range needs a special case.
        var exponent = Vector256.ConvertToInt32Native(n);
        var half = Vector256.ShiftRightArithmetic(exponent, 1);
        var bias = Vector256.Create(127);
        var first = Vector256.ShiftLeft(half + bias, 23).AsSingle();
        var second = Vector256.ShiftLeft(exponent - half + bias, 23).AsSingle();
        var result = p * first * second;
        result = Vector256.ConditionalSelect(overflow, Vector256.Create(float.PositiveInfinity), result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary>
    /// The same computation on sixteen floats (AVX-512: half the instructions per element). A copy, not a generic over
    /// the width: .NET's width-generic vector interface has no float-to-int conversion or reinterpretation, which the
    /// 2ⁿ step needs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var overflow = Vector512.GreaterThan(x, Vector512.Create(Upper));
        // The native min/max (single instructions) may turn NaN into a bound: NaN is put back at the end.
        var clamped = Vector512.MaxNative(Vector512.MinNative(x, Vector512.Create(Upper)), Vector512.Create(Lower));
        var p = Reduced(clamped, out var n);

        // 2^n for n in [−126, 128] as 2^h · 2^(n−h), h = n/2: both factors are normal floats, so neither end of the
        // range needs a special case.
        var exponent = Vector512.ConvertToInt32Native(n);
        var half = Vector512.ShiftRightArithmetic(exponent, 1);
        var bias = Vector512.Create(127);
        var first = Vector512.ShiftLeft(half + bias, 23).AsSingle();
        var second = Vector512.ShiftLeft(exponent - half + bias, 23).AsSingle();
        var result = p * first * second;
        result = Vector512.ConditionalSelect(overflow, Vector512.Create(float.PositiveInfinity), result);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary>
    /// <see cref="Exp(Vector256{float})"/> for x ≤ 0 or −∞ (not NaN), bit for bit: the softmax's x − max. Without the
    /// overflow and NaN selects and with 2ⁿ in one factor (n ≥ −126 after the clamp, a normal float), about a third
    /// fewer instructions. Multiplying by a power of two is exact until the one rounding of the result, so
    /// p·2ⁿ rounds exactly as p·2ʰ·2ⁿ⁻ʰ does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpNonPositive(Vector256<float> x)
    {
        var clamped = Vector256.MaxNative(x, Vector256.Create(Lower));
        var p = Reduced(clamped, out var n);
        return p * Vector256.ShiftLeft(Vector256.ConvertToInt32Native(n) + Vector256.Create(127), 23).AsSingle();
    }

    /// <summary><see cref="ExpNonPositive(Vector256{float})"/> on sixteen floats (AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpNonPositive(Vector512<float> x)
    {
        var clamped = Vector512.MaxNative(x, Vector512.Create(Lower));
        var p = Reduced(clamped, out var n);
        return p * Vector512.ShiftLeft(Vector512.ConvertToInt32Native(n) + Vector512.Create(127), 23).AsSingle();
    }

    /// <summary>
    /// What both forms share, on eight floats: x = n·ln2 + r (ln2 in two parts, so r is exact) and the polynomial for
    /// e^r; the caller multiplies by 2ⁿ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Reduced(Vector256<float> clamped, out Vector256<float> n)
    {
        n = Vector256.Floor(Vector256.FusedMultiplyAdd(clamped, Vector256.Create(Log2E), Vector256.Create(0.5f)));
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);

        var p = Vector256.Create(1.9875691500e-4f);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.3981999507e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        return Vector256.FusedMultiplyAdd(p, r * r, r + Vector256<float>.One);
    }

    /// <summary><see cref="Reduced(Vector256{float}, out Vector256{float})"/> on sixteen floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Reduced(Vector512<float> clamped, out Vector512<float> n)
    {
        n = Vector512.Floor(Vector512.FusedMultiplyAdd(clamped, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);

        var p = Vector512.Create(1.9875691500e-4f);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        return Vector512.FusedMultiplyAdd(p, r * r, r + Vector512<float>.One);
    }
}
