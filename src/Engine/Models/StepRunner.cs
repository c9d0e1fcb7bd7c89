using HyperSweep.Engine.Optimizers;

namespace HyperSweep.Engine.Models;

/// <summary>
/// Runs training and evaluation steps of one model inside one <see cref="TensorArena"/> per step, so every step
/// after the first reuses the previous step's buffers instead of faulting in fresh memory. The models also
/// reuse their buffers on their own when driven directly (Loss, Backward, Step); this runner adds the
/// non-finite-loss guard and keeps forward, backward and evaluation in one arena.
/// </summary>
public sealed class StepRunner
{
    private readonly IModel _model;
    private readonly Optimizer? _optimizer;

    public StepRunner(IModel model, Optimizer? optimizer)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _optimizer = optimizer;
    }

    public TensorArena Arena { get; } = new();

    /// <summary>
    /// Zero gradients, forward, backward, optimizer step; returns the batch's mean loss. A loss that is NaN or
    /// infinite is returned without backward or update, so the caller can stop the run as diverged.
    /// </summary>
    public float Train(ModelBatch batch, Random? dropoutRandom)
    {
        if (_optimizer is null)
        {
            throw new EngineException("step runner: training needs an optimizer.");
        }

        using var scope = Arena.Activate();
        _optimizer.ZeroGrad();
        var loss = _model.Loss(batch, dropoutRandom);
        var value = loss.Item();
        if (!float.IsFinite(value))
        {
            return value;
        }

        loss.Backward();
        _optimizer.Step();
        return value;
    }

    /// <summary>Loss sum, target count and correct predictions of one batch, without a graph.</summary>
    public EvaluationSums Evaluate(ModelBatch batch)
    {
        using var scope = Arena.Activate();
        return _model.Evaluate(batch);
    }
}
