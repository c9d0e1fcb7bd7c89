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
        StepCount++;
        if (ClipNorm is { } clip)
        {
            // The norm must be known before any update: a separate pass (touched rows only for sparse tables).
            LastGradientNorm = GradientClipping.ClipByGlobalNorm(Parameters, clip);
            for (var i = 0; i < Parameters.Count; i++)
            {
                UpdateParameter(i, sumSquares: false);
            }

            return;
        }

        // Without clipping the norm (reported for divergence checks) is summed chunk by chunk just before the chunk's
        // update reads the same gradient from L1: no separate pass over the gradients.
        double sumOfSquares = 0;
        for (var i = 0; i < Parameters.Count; i++)
        {
            sumOfSquares += UpdateParameter(i, sumSquares: true);
        }

        LastGradientNorm = Math.Sqrt(sumOfSquares);
    }

    /// <summary>Applies the rule to parameter <paramref name="index"/>; returns its gradient's sum of squares (before weight decay) when asked.</summary>
    private double UpdateParameter(int index, bool sumSquares)
    {
        const int chunk = 4096;
        var p = Parameters[index];
        var g = p.Grad!;
        double squares = 0;
        if (WeightDecay > 0)
        {
            if (sumSquares)
            {
                squares = GradientClipping.SumOfSquares(p);
                sumSquares = false;
            }

            if (!FoldsWeightDecay)
            {
                p.MarkGradientDense();
                TensorPrimitives.MultiplyAdd(p.Data, WeightDecay, g, g);
            }
        }

        if (p.TryGetTouchedRows(out _, out var touched))
        {
            if (sumSquares)
            {
                squares = GradientClipping.SumOfSquares(p);
            }

            UpdateRows(index, p.Data, g, touched, p.Dim(1));
            return squares;
        }

        for (var start = 0; start < g.Length; start += chunk)
        {
            var length = Math.Min(chunk, g.Length - start);
            squares += UpdateChunk(index, start, p.Data.AsSpan(start, length), g.AsSpan(start, length), sumSquares);
        }

        return squares;
    }

    /// <summary>
    /// <see cref="Update"/> on one chunk, returning the chunk's Σ g² when <paramref name="sumSquares"/> (else 0). The
    /// default sums in a pass of its own just before the update reads the chunk from L1; a rule whose own pass can
    /// square g as it reads it overrides this.
    /// </summary>
    protected virtual double UpdateChunk(int index, int offset, Span<float> weights, ReadOnlySpan<float> gradient, bool sumSquares)
    {
        var squares = sumSquares ? TensorPrimitives.SumOfSquares(gradient) : 0.0;
        Update(index, offset, weights, gradient);
        return squares;
    }

    /// <summary>
    /// True when the rule adds λ·θ to the gradient itself, inside its own pass (<see cref="Update"/> and
    /// <see cref="UpdateRows"/> then get the gradient without decay, and a row-sparse table stays sparse): the
    /// generic g += λ·θ is a separate read of θ and g and write of g over every parameter, and it makes an embedding
    /// table's gradient dense, so the next step clears all of it.
    /// </summary>
    protected virtual bool FoldsWeightDecay => false;

    /// <summary>
    /// Applies the rule to elements <paramref name="offset"/>.. of parameter <paramref name="index"/> (a chunk of it)
    /// with their final gradient; the rule's state buffers are indexed from <paramref name="offset"/> too.
    /// </summary>
    protected abstract void Update(int index, int offset, Span<float> weights, ReadOnlySpan<float> gradient);

    /// <summary>
    /// Applies the rule to a [rows, width] table whose gradient is zero outside the rows flagged in
    /// <paramref name="touched"/>. The default updates every element (correct for any rule); rules override it
    /// to skip or cheapen the zero-gradient rows while computing exactly what the dense update computes.
    /// </summary>
    protected virtual void UpdateRows(int index, Span<float> weights, ReadOnlySpan<float> gradient, ReadOnlySpan<bool> touched, int width)
    {
        Update(index, 0, weights, gradient);
    }

    protected static float[][] BuffersFor(IReadOnlyList<Parameter> parameters)
    {
        return parameters.Select(p => new float[p.Size]).ToArray();
    }
}
