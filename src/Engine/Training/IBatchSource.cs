using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// The batches a <see cref="Trainer"/> consumes, already in the model's input form. Training order is
/// drawn from the random source the trainer passes (derived from seed and epoch, so a resumed run sees
/// the same order); validation batches are fixed.
/// </summary>
public interface IBatchSource
{
    /// <summary>Classification (metrics: accuracy) or language model (metrics: perplexity).</summary>
    TaskKind Kind { get; }

    /// <summary>Batches in one training epoch.</summary>
    int TrainingBatchCount { get; }

    /// <summary>One epoch of training batches in an order drawn from <paramref name="random"/>.</summary>
    IReadOnlyList<ModelBatch> TrainingBatches(System.Random random);

    /// <summary>The validation batches, in data order.</summary>
    IReadOnlyList<ModelBatch> ValidationBatches();
}
