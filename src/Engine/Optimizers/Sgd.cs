using System.Numerics.Tensors;

namespace HyperSweep.Engine.Optimizers;

/// <summary>SGD with optional momentum: buf ← g (first step), buf ← μ·buf + g; θ ← θ − lr·buf (PyTorch, no dampening).</summary>
public sealed class Sgd : Optimizer
{
    private readonly float[][] _momentum;

    public Sgd(IReadOnlyList<Parameter> parameters, float learningRate, float momentum = 0f, float weightDecay = 0f, float? clipNorm = null)
        : base(parameters, learningRate, weightDecay, clipNorm)
    {
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new EngineException($"sgd: momentum must be in [0, 1), got {momentum}.");
        }

        Momentum = momentum;
        _momentum = momentum > 0 ? BuffersFor(parameters) : [];
    }

    public float Momentum { get; }

    public override IReadOnlyList<float[]> State => _momentum;

    protected override void Update(int index, Span<float> weights, ReadOnlySpan<float> gradient)
    {
        if (Momentum == 0f)
        {
            TensorPrimitives.MultiplyAdd(gradient, -LearningRate, weights, weights);
            return;
        }

        var buffer = _momentum[index];
        if (StepCount == 1)
        {
            gradient.CopyTo(buffer);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(buffer, Momentum, gradient, buffer);
        }

        TensorPrimitives.MultiplyAdd(buffer, -LearningRate, weights, weights);
    }
}
