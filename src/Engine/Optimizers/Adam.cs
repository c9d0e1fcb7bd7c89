using System.Numerics;
using System.Runtime.InteropServices;

namespace HyperSweep.Engine.Optimizers;

/// <summary>
/// Adam (PyTorch 1.13): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
/// θ ← θ − lr·(m / (1 − β1^s)) / (sqrt(v / (1 − β2^s)) + eps) — eps after the bias-corrected root.
/// One fused pass per parameter (the dense update of a large embedding is memory-bound).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly float[][] _first;
    private readonly float[][] _second;
    private readonly float[][] _state;

    public Adam(
        IReadOnlyList<Parameter> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f,
        float epsilon = 1e-8f, float weightDecay = 0f, float? clipNorm = null)
        : base(parameters, learningRate, weightDecay, clipNorm)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new EngineException($"adam: betas must be in [0, 1), got ({beta1}, {beta2}).");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _first = BuffersFor(parameters);
        _second = BuffersFor(parameters);
        _state = [.. _first, .. _second];
    }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    /// <summary>First moments of every parameter, then second moments.</summary>
    public override IReadOnlyList<float[]> State => _state;

    protected override void Update(int index, Span<float> weights, ReadOnlySpan<float> gradient)
    {
        var m = _first[index];
        var v = _second[index];
        var correction1 = 1.0 - Math.Pow(Beta1, StepCount);
        var correction2 = 1.0 - Math.Pow(Beta2, StepCount);
        var stepSize = (float)(LearningRate / correction1);
        var rootCorrection = (float)(1.0 / Math.Sqrt(correction2));
        float b1 = Beta1, b2 = Beta2, c1 = 1f - Beta1, c2 = 1f - Beta2, eps = Epsilon;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var mVectors = MemoryMarshal.Cast<float, Vector<float>>(m.AsSpan());
            var vVectors = MemoryMarshal.Cast<float, Vector<float>>(v.AsSpan());
            var wVectors = MemoryMarshal.Cast<float, Vector<float>>(weights);
            var gVectors = MemoryMarshal.Cast<float, Vector<float>>(gradient);
            for (var k = 0; k < wVectors.Length; k++)
            {
                var g = gVectors[k];
                var mk = (b1 * mVectors[k]) + (c1 * g);
                var vk = (b2 * vVectors[k]) + (c2 * g * g);
                mVectors[k] = mk;
                vVectors[k] = vk;
                wVectors[k] -= stepSize * mk / ((Vector.SquareRoot(vk) * rootCorrection) + new Vector<float>(eps));
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
            weights[i] -= stepSize * mi / ((MathF.Sqrt(vi) * rootCorrection) + eps);
        }
    }
}
