using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Plain SGD's update θ ← θ − lr·g and Σ g² (the gradient norm every step reports) in one pass over g: the norm was
/// a second vector pass over each chunk (a tenth of the NPLM's non-GEMM time, perf profile in bench/README.md).
/// </summary>
internal static class VectorSgd
{
    /// <summary>θ += step·g element by element (step = −lr, one rounding: fused multiply-add); returns Σ g².</summary>
    /// <param name="useVectors">False forces the scalar loop (tests of the fallback on a machine with AVX).</param>
    public static float Apply(Span<float> weights, ReadOnlySpan<float> gradient, float step, bool useVectors = true)
    {
        if (weights.Length != gradient.Length)
        {
            throw new ArgumentException($"sgd: {weights.Length} weights but {gradient.Length} gradient values.", nameof(gradient));
        }

        var i = 0;
        var squares = 0f;
        if (useVectors && Fma.IsSupported && Vector256.IsHardwareAccelerated)
        {
            ref var w = ref MemoryMarshal.GetReference(weights);
            ref var g = ref MemoryMarshal.GetReference(gradient);
            var lanes = Vector256<float>.Count;
            var factor = Vector256.Create(step);
            var total0 = Vector256<float>.Zero;
            var total1 = Vector256<float>.Zero;
            for (; i <= weights.Length - (2 * lanes); i += 2 * lanes)
            {
                var g0 = Vector256.LoadUnsafe(ref g, (nuint)i);
                var g1 = Vector256.LoadUnsafe(ref g, (nuint)(i + lanes));
                Vector256.FusedMultiplyAdd(g0, factor, Vector256.LoadUnsafe(ref w, (nuint)i)).StoreUnsafe(ref w, (nuint)i);
                Vector256.FusedMultiplyAdd(g1, factor, Vector256.LoadUnsafe(ref w, (nuint)(i + lanes))).StoreUnsafe(ref w, (nuint)(i + lanes));
                total0 = Vector256.FusedMultiplyAdd(g0, g0, total0);
                total1 = Vector256.FusedMultiplyAdd(g1, g1, total1);
            }

            squares = Vector256.Sum(total0 + total1);
        }

        for (; i < weights.Length; i++)
        {
            weights[i] = MathF.FusedMultiplyAdd(gradient[i], step, weights[i]);
            squares += gradient[i] * gradient[i];
        }

        return squares;
    }
}
