namespace HyperSweep.Engine.Training;

/// <summary>
/// The per-epoch metric names, as used in reports, objectives and exports (constants, so code can switch on them);
/// their directions and task kinds are in <see cref="Schema.MetricSchema"/>.
/// </summary>
public static class MetricNames
{
    public const string TrainLoss = "train_loss";
    public const string ValLoss = "val_loss";
    public const string ValAccuracy = "val_accuracy";
    public const string ValPerplexity = "val_perplexity";

    public static IReadOnlyList<string> All { get; } = [TrainLoss, ValLoss, ValAccuracy, ValPerplexity];

    /// <summary>
    /// What a kept model scored on the task's test split, once, at the end of its sweep (never seen by the search):
    /// the dev metrics' counterparts.
    /// </summary>
    public const string TestLoss = "test_loss";
    public const string TestAccuracy = "test_accuracy";
    public const string TestPerplexity = "test_perplexity";
}
