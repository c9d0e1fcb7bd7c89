namespace HyperSweep.Engine.Optimizers;

/// <summary>Adagrad (PyTorch, no lr decay, zero initial accumulator): s ← s + g²; θ ← θ − lr·g / (sqrt(s) + eps).</summary>
public sealed class Adagrad : Optimizer
{
    private readonly float[][] _sums;

    public Adagrad(IReadOnlyList<Parameter> parameters, float learningRate = 1e-2f, float epsilon = 1e-10f, float weightDecay = 0f, float? clipNorm = null)
        : base(parameters, learningRate, weightDecay, clipNorm)
    {
        Epsilon = epsilon;
        _sums = BuffersFor(parameters);
    }

    public float Epsilon { get; }

    public override IReadOnlyList<float[]> State => _sums;

    protected override void Update(int index, int offset, Span<float> weights, ReadOnlySpan<float> gradient)
    {
        var s = _sums[index].AsSpan(offset, weights.Length);
        var lr = LearningRate;
        for (var i = 0; i < weights.Length; i++)
        {
            var g = gradient[i];
            var si = s[i] + (g * g);
            s[i] = si;
            weights[i] -= lr * g / (MathF.Sqrt(si) + Epsilon);
        }
    }
}
