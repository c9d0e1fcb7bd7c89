using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Training;

/// <summary>
/// The metrics of one finished epoch (1-based). <see cref="ValAccuracy"/> exists for classification,
/// <see cref="ValPerplexity"/> (exp of the mean token NLL over real tokens) for language models.
/// <see cref="LearningRate"/> is the rate the epoch trained with.
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double ValLoss,
    double? ValAccuracy,
    double? ValPerplexity,
    double LearningRate)
{
    /// <summary>
    /// ‖∂L/∂h_t‖ by layer and steps before the loss, measured after this epoch when the trainer records gradients
    /// (<see cref="TrainerOptions.RecordGradients"/>) and the model is recurrent; else null. Not kept in checkpoints.
    /// </summary>
    public Analysis.GradientProfile? Gradients { get; init; }

    /// <summary>The value of a metric by its name (<see cref="MetricNames"/>), or null when this task has no such metric.</summary>
    public double? Get(string metric) => metric switch
    {
        MetricNames.TrainLoss => TrainLoss,
        MetricNames.ValLoss => ValLoss,
        MetricNames.ValAccuracy => ValAccuracy,
        MetricNames.ValPerplexity => ValPerplexity,
        _ => throw new EngineException($"unknown metric '{metric}'; accepted: {string.Join(", ", MetricNames.All)}"),
    };

    /// <summary>The metrics this epoch has, by name (what a report or export carries).</summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.TrainLoss] = TrainLoss,
            [MetricNames.ValLoss] = ValLoss,
        };
        if (ValAccuracy is { } accuracy)
        {
            values[MetricNames.ValAccuracy] = accuracy;
        }

        if (ValPerplexity is { } perplexity)
        {
            values[MetricNames.ValPerplexity] = perplexity;
        }

        return values;
    }
}
