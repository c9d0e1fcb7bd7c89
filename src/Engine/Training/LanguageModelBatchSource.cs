using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// Truncated-BPTT segments of the continuous train and dev streams (PyTorch word_language_model). Training
/// segments must stay in order so the hidden state carries across them, so the random source is unused;
/// validation uses <see cref="ValidationBatchSize"/> columns, as that example does.
/// </summary>
public sealed class LanguageModelBatchSource : IBatchSource
{
    /// <summary>PyTorch word_language_model's eval_batch_size.</summary>
    public const int ValidationBatchSize = 10;

    private readonly IReadOnlyList<ModelBatch> _train;
    private readonly IReadOnlyList<ModelBatch> _dev;

    public LanguageModelBatchSource(EncodedSplit train, EncodedSplit dev, int batchSize, int bptt)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(dev);
        _train = [.. LanguageModelBatcher.Stream(train.ToStream(), batchSize, bptt).Select(Convert)];
        var devStream = dev.ToStream();
        _dev = [.. LanguageModelBatcher.Stream(devStream, Math.Min(ValidationBatchSize, Math.Max(1, devStream.Length / 2)), bptt).Select(Convert)];
    }

    public TaskKind Kind => TaskKind.LanguageModel;

    public int TrainingBatchCount => _train.Count;

    public IReadOnlyList<ModelBatch> TrainingBatches(System.Random random) => _train;

    public IReadOnlyList<ModelBatch> ValidationBatches() => _dev;

    private static ModelBatch Convert(LanguageModelBatch batch) =>
        new(batch.BatchSize, batch.Length, batch.Inputs, batch.Mask, Targets: batch.Targets);
}
