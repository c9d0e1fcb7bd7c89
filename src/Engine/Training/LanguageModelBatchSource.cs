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
        _dev = Validation(dev, bptt);
    }

    /// <summary>The evaluation batches of a split: the trainer's dev batches, and what <c>hypersweep eval</c> scores a file with.</summary>
    public static IReadOnlyList<ModelBatch> Validation(EncodedSplit split, int bptt)
    {
        ArgumentNullException.ThrowIfNull(split);
        var stream = split.ToStream();
        return [.. LanguageModelBatcher.Stream(stream, Math.Min(ValidationBatchSize, Math.Max(1, stream.Length / 2)), bptt).Select(Convert)];
    }

    public TaskKind Kind => TaskKind.LanguageModel;

    public int TrainingBatchCount => _train.Count;

    public IReadOnlyList<ModelBatch> TrainingBatches(System.Random random) => _train;

    public IReadOnlyList<ModelBatch> ValidationBatches() => _dev;

    private static ModelBatch Convert(LanguageModelBatch batch) =>
        new(batch.BatchSize, batch.Length, batch.Inputs, batch.Mask, Targets: batch.Targets);
}
