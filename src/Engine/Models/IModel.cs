namespace HyperSweep.Engine.Models;

/// <summary>
/// What the trainer needs from any model: its parameters, a training forward that returns the scalar mean
/// loss (ready for Backward), and an evaluation forward that returns sums (no graph, no dropout).
/// </summary>
public interface IModel
{
    /// <summary>Every trainable parameter, in a fixed order (checkpoints and optimizers rely on it).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Mean loss over the batch's targets. Dropout is active iff <paramref name="dropoutRandom"/> is given
    /// (the trainer owns that seeded generator so its state can be checkpointed).
    /// The returned tensor and its graph live in buffers the model reuses: they are valid until the next
    /// Loss call on the same model (read the value and run Backward before that).
    /// </summary>
    Tensor Loss(ModelBatch batch, Random? dropoutRandom);

    /// <summary>Loss sum, target count and correct predictions for the batch, computed without a graph.</summary>
    EvaluationSums Evaluate(ModelBatch batch);

    /// <summary>Forgets state carried between batches (the language model's hidden state); a no-op otherwise.</summary>
    void ResetState();
}
