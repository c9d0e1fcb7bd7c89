using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// NPLM language-model batches: every stream position as (n-1 context words → next word), shuffled for
/// training (the windows are independent), in order for validation.
/// </summary>
public sealed class NgramBatchSource : IBatchSource
{
    private readonly NgramWindows _train;
    private readonly int _batchSize;
    private readonly IReadOnlyList<ModelBatch> _dev;

    public NgramBatchSource(EncodedSplit train, EncodedSplit dev, int context, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(dev);
        _train = new NgramWindows(train.ToStream(), context);
        _batchSize = batchSize;
        _dev = Validation(dev, context, batchSize);
    }

    /// <summary>The evaluation batches of a split: every window in stream order, as the trainer's dev batches.</summary>
    public static IReadOnlyList<ModelBatch> Validation(EncodedSplit split, int context, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(split);
        return [.. new NgramWindows(split.ToStream(), context).InOrder(batchSize).Select(Convert)];
    }

    public TaskKind Kind => TaskKind.LanguageModel;

    public int TrainingBatchCount => (_train.Count + _batchSize - 1) / _batchSize;

    public IReadOnlyList<ModelBatch> TrainingBatches(System.Random random) => [.. _train.Shuffled(_batchSize, random).Select(Convert)];

    public IReadOnlyList<ModelBatch> ValidationBatches() => _dev;

    private static ModelBatch Convert(NgramBatch batch) =>
        ModelBatch.Dense(batch.BatchSize, batch.Context, batch.Contexts, labels: batch.Targets);
}
