using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// Padded, length-bucketed sentence batches with labels. With a <c>window</c> (NPLM as a classifier) each
/// row is instead the last <c>window</c> tokens before the predicted position: what an n-gram model sees.
/// </summary>
public sealed class ClassificationBatchSource : IBatchSource
{
    private readonly ClassificationBatcher _train;
    private readonly ClassificationBatcher _dev;
    private readonly int? _window;
    private IReadOnlyList<ModelBatch>? _validation;

    public ClassificationBatchSource(EncodedSplit train, EncodedSplit dev, int batchSize, int? window = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(dev);
        _train = new ClassificationBatcher(train.Examples, batchSize, bucketByLength: true);
        _dev = new ClassificationBatcher(dev.Examples, batchSize, bucketByLength: false);
        _window = window;
    }

    public TaskKind Kind => TaskKind.Classification;

    public int TrainingBatchCount => _train.BatchCount;

    public IReadOnlyList<ModelBatch> TrainingBatches(System.Random random) => [.. _train.Shuffled(random).Select(Convert)];

    public IReadOnlyList<ModelBatch> ValidationBatches() => _validation ??= [.. _dev.InOrder().Select(Convert)];

    /// <summary>The evaluation batches of a split, as the trainer's dev batches are made (in order, <paramref name="batchSize"/> a batch).</summary>
    public static IReadOnlyList<ModelBatch> Validation(EncodedSplit split, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(split);
        return new ClassificationBatchSource(split, split, batchSize).ValidationBatches();
    }

    private ModelBatch Convert(ClassificationBatch batch) => _window is { } window
        ? ModelBatch.Dense(batch.BatchSize, window, batch.LastTokens(window), labels: batch.Labels)
        : new ModelBatch(batch.BatchSize, batch.Length, batch.TokenIds, batch.Mask, Labels: batch.Labels);
}
