using System.Numerics;
using System.Runtime.InteropServices;

namespace HyperSweep.Engine.Optimizers;

/// <summary>
/// One Adam step's constants and its fused, vectorised element loop (one pass over m, v, θ and g; the update of a
/// large embedding is memory-bound, so every extra pass costs as much as the arithmetic). Coupled L2 weight decay
/// (PyTorch's Adam(weight_decay): g ← g + λ·θ before the moments) is applied here, as the gradient is read: the
/// same float operations as a separate pass (θ·λ, then + g), without that pass.
/// </summary>
internal readonly struct AdamRule(float beta1, float beta2, float epsilon, float stepSize, float rootCorrection, float decay)
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
            var decayVector = new Vector<float>(decay);
            for (var k = 0; k < wVectors.Length; k++)
            {
                var g = decay == 0f ? gVectors[k] : (wVectors[k] * decayVector) + gVectors[k];
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
            var g = decay == 0f ? gradient[i] : (weights[i] * decay) + gradient[i];
            var mi = (b1 * m[i]) + (c1 * g);
            var vi = (b2 * v[i]) + (c2 * g * g);
            m[i] = mi;
            v[i] = vi;
            weights[i] -= step * mi / ((MathF.Sqrt(vi) * root) + eps);
        }
    }

    /// <summary>The same step for a zero gradient (g = λ·θ with weight decay), without reading a gradient.</summary>
    public void ApplyWithoutGradient(Span<float> m, Span<float> v, Span<float> weights)
    {
        if (decay != 0f)
        {
            ApplyDecayOnly(m, v, weights);
            return;
        }

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

    /// <summary>The step with g = 0 + λ·θ: what the dense update computes for a row no example touched.</summary>
    private void ApplyDecayOnly(Span<float> m, Span<float> v, Span<float> weights)
    {
        float b1 = beta1, b2 = beta2, c1 = 1f - beta1, c2 = 1f - beta2, eps = epsilon, step = stepSize, root = rootCorrection;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var mVectors = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vVectors = MemoryMarshal.Cast<float, Vector<float>>(v);
            var wVectors = MemoryMarshal.Cast<float, Vector<float>>(weights);
            var epsVector = new Vector<float>(eps);
            var decayVector = new Vector<float>(decay);
            for (var k = 0; k < wVectors.Length; k++)
            {
                var g = (wVectors[k] * decayVector) + Vector<float>.Zero;
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
            var g = (weights[i] * decay) + 0f;
            var mi = (b1 * m[i]) + (c1 * g);
            var vi = (b2 * v[i]) + (c2 * g * g);
            m[i] = mi;
            v[i] = vi;
            weights[i] -= step * mi / ((MathF.Sqrt(vi) * root) + eps);
        }
    }
}
