using System.Numerics;
using System.Runtime.InteropServices;

namespace HyperSweep.Engine.Optimizers;

/// <summary>
/// One Adam step's constants and its fused, vectorised element loop (one pass over m, v, θ and g; the update of a
/// large embedding is memory-bound, so every extra pass costs as much as the arithmetic).
/// </summary>
internal readonly struct AdamRule(float beta1, float beta2, float epsilon, float stepSize, float rootCorrection)
{
    public void Apply(Span<float> m, Span<float> v, Span<float> weights, ReadOnlySpan<float> gradient)
    {
        float b1 = beta1, b2 = beta2, c1 = 1f - beta1, c2 = 1f - beta2, eps = epsilon, step = stepSize, root = rootCorrection;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var mVectors = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vVectors = MemoryMarshal.Cast<float, Vector<float>>(v);
            var wVectors = MemoryMarshal.Cast<float, Vector<float>>(weights);
            var gVectors = MemoryMarshal.Cast<float, Vector<float>>(gradient);
            var epsVector = new Vector<float>(eps);
            for (var k = 0; k < wVectors.Length; k++)
            {
                var g = gVectors[k];
                var mk = (b1 * mVectors[k]) + (c1 * g);
                var vk = (b2 * vVectors[k]) + (c2 * g * g);
                mVectors[k] = mk;
                vVectors[k] = vk;
                wVectors[k] -= step * mk / ((Vector.SquareRoot(vk) * root) + epsVector);
            }

            i = wVectors.Length * Vector<float>.Count;
        }

        for (; i < weights.Length; i++)
        {
            var g = gradient[i];
            var mi = (b1 * m[i]) + (c1 * g);
            var vi = (b2 * v[i]) + (c2 * g * g);
            m[i] = mi;
            v[i] = vi;
            weights[i] -= step * mi / ((MathF.Sqrt(vi) * root) + eps);
        }
    }

    /// <summary>The same step for g = 0 (b·x + 0 = b·x), without reading a gradient.</summary>
    public void ApplyWithoutGradient(Span<float> m, Span<float> v, Span<float> weights)
    {
        float b1 = beta1, b2 = beta2, eps = epsilon, step = stepSize, root = rootCorrection;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var mVectors = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vVectors = MemoryMarshal.Cast<float, Vector<float>>(v);
            var wVectors = MemoryMarshal.Cast<float, Vector<float>>(weights);
            var epsVector = new Vector<float>(eps);
            for (var k = 0; k < wVectors.Length; k++)
            {
                var mk = b1 * mVectors[k];
                var vk = b2 * vVectors[k];
                mVectors[k] = mk;
                vVectors[k] = vk;
                wVectors[k] -= step * mk / ((Vector.SquareRoot(vk) * root) + epsVector);
            }

            i = wVectors.Length * Vector<float>.Count;
        }

        for (; i < weights.Length; i++)
        {
            var mi = b1 * m[i];
            var vi = b2 * v[i];
            m[i] = mi;
            v[i] = vi;
            weights[i] -= step * mi / ((MathF.Sqrt(vi) * root) + eps);
        }
    }
}
