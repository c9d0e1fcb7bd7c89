namespace HyperSweep.Engine.Training;

/// <summary>The per-epoch metric names of CONTRACTS.md, as used in reports, objectives and exports.</summary>
public static class MetricNames
{
    public const string TrainLoss = "train_loss";
    public const string ValLoss = "val_loss";
    public const string ValAccuracy = "val_accuracy";
    public const string ValPerplexity = "val_perplexity";

    public static IReadOnlyList<string> All { get; } = [TrainLoss, ValLoss, ValAccuracy, ValPerplexity];
}
