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

    /// <summary>The rule adds λ·θ as it reads g (one pass), and untouched embedding rows see g = λ·θ without reading g.</summary>
    protected override bool FoldsWeightDecay => true;

    /// <summary>First moments of every parameter, then second moments.</summary>
    public override IReadOnlyList<float[]> State => _state;

    protected override void Update(int index, int offset, Span<float> weights, ReadOnlySpan<float> gradient)
    {
        var rule = Rule();
        rule.Apply(_first[index].AsSpan(offset, weights.Length), _second[index].AsSpan(offset, weights.Length), weights, gradient);
    }

    /// <summary>
    /// Dense Adam semantics (every row's moments decay and every row moves), but a run of rows without gradient is
    /// updated by a kernel that does not read the (zero) gradient: exactly the dense step with g = 0 + λ·θ.
    /// </summary>
    protected override void UpdateRows(int index, Span<float> weights, ReadOnlySpan<float> gradient, ReadOnlySpan<bool> touched, int width)
    {
        var rule = Rule();
        var m = _first[index].AsSpan();
        var v = _second[index].AsSpan();
        var row = 0;
        while (row < touched.Length)
        {
            var end = row + 1;
            while (end < touched.Length && touched[end] == touched[row])
            {
                end++;
            }

            var (offset, length) = (row * width, (end - row) * width);
            if (touched[row])
            {
                rule.Apply(m.Slice(offset, length), v.Slice(offset, length), weights.Slice(offset, length), gradient.Slice(offset, length));
            }
            else
            {
                rule.ApplyWithoutGradient(m.Slice(offset, length), v.Slice(offset, length), weights.Slice(offset, length));
            }

            row = end;
        }
    }

    private AdamRule Rule()
    {
        var correction1 = 1.0 - Math.Pow(Beta1, StepCount);
        var correction2 = 1.0 - Math.Pow(Beta2, StepCount);
        return new AdamRule(Beta1, Beta2, Epsilon, (float)(LearningRate / correction1), (float)(1.0 / Math.Sqrt(correction2)), WeightDecay);
    }
}
