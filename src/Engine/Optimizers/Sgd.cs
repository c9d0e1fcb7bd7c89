using System.Numerics.Tensors;
using HyperSweep.Engine.Kernels;

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

    protected override void Update(int index, int offset, Span<float> weights, ReadOnlySpan<float> gradient)
    {
        if (Momentum == 0f)
        {
            VectorSgd.Apply(weights, gradient, -LearningRate);
            return;
        }

        var buffer = _momentum[index].AsSpan(offset, weights.Length);
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

    /// <summary>Plain SGD updates and sums Σ g² in one pass (<see cref="VectorSgd"/>).</summary>
    protected override double UpdateChunk(int index, int offset, Span<float> weights, ReadOnlySpan<float> gradient, bool sumSquares)
    {
        return Momentum == 0f
            ? VectorSgd.Apply(weights, gradient, -LearningRate)
            : base.UpdateChunk(index, offset, weights, gradient, sumSquares);
    }

    /// <summary>Plain SGD leaves a zero-gradient row unchanged: only the touched rows are updated. Momentum decays every row.</summary>
    protected override void UpdateRows(int index, Span<float> weights, ReadOnlySpan<float> gradient, ReadOnlySpan<bool> touched, int width)
    {
        if (Momentum != 0f)
        {
            base.UpdateRows(index, weights, gradient, touched, width);
            return;
        }

        for (var row = 0; row < touched.Length; row++)
        {
            if (touched[row])
            {
                var offset = row * width;
                Update(index, offset, weights.Slice(offset, width), gradient.Slice(offset, width));
            }
        }
    }
}
