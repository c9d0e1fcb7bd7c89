using System.Numerics.Tensors;

namespace HyperSweep.Engine.Optimizers;

/// <summary>
/// A step is: clip the global gradient norm (if a clip is set), add L2 weight decay (g += λ·θ, after
/// clipping, as PyTorch's optimizers do inside step()), then the rule of the subclass.
/// State buffers are exposed in parameter order so a checkpoint can save and restore them.
/// </summary>
public abstract class Optimizer
{
    protected Optimizer(IReadOnlyList<Parameter> parameters, float learningRate, float weightDecay, float? clipNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(learningRate > 0))
        {
            throw new EngineException($"optimizer: lr must be > 0, got {learningRate}.");
        }

        if (!(weightDecay >= 0))
        {
            throw new EngineException($"optimizer: weight_decay must be >= 0, got {weightDecay}.");
        }

        if (clipNorm is { } c && !(c > 0))
        {
            throw new EngineException($"optimizer: clip must be > 0, got {c}.");
        }

        Parameters = parameters;
        LearningRate = learningRate;
        WeightDecay = weightDecay;
        ClipNorm = clipNorm;
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Settable for learning-rate decay on plateau.</summary>
    public float LearningRate { get; set; }

    public float WeightDecay { get; }

    public float? ClipNorm { get; }

    /// <summary>Steps taken so far (Adam's bias correction uses it); restore it with the state on resume.</summary>
    public int StepCount { get; set; }

    /// <summary>The global gradient norm of the last step, before clipping.</summary>
    public double LastGradientNorm { get; private set; }

    /// <summary>The optimizer's per-parameter buffers (momentum, moments, sums), live; empty for plain SGD.</summary>
    public abstract IReadOnlyList<float[]> State { get; }

    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            p.ZeroGrad();
        }
    }

    public void Step()
    {
        LastGradientNorm = ClipNorm is { } clip
            ? GradientClipping.ClipByGlobalNorm(Parameters, clip)
            : GradientClipping.GlobalNorm(Parameters);
        StepCount++;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var g = p.Grad!;
            if (WeightDecay > 0)
            {
                TensorPrimitives.MultiplyAdd(p.Data, WeightDecay, g, g);
            }

            Update(i, p.Data, g);
        }
    }

    /// <summary>Applies the rule to parameter <paramref name="index"/> with its final gradient.</summary>
    protected abstract void Update(int index, Span<float> weights, ReadOnlySpan<float> gradient);

    protected static float[][] BuffersFor(IReadOnlyList<Parameter> parameters)
    {
        return parameters.Select(p => new float[p.Size]).ToArray();
    }
}
