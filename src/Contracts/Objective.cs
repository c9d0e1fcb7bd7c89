namespace HyperSweep.Contracts;

/// <summary>The metric a sweep optimises (train_loss, val_loss, val_accuracy, val_perplexity) and its direction.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.Objective")]
public sealed record Objective([property: Id(0)] string Metric, [property: Id(1)] bool Maximize)
{
    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/>.</summary>
    public bool IsBetter(double candidate, double incumbent) => Maximize ? candidate > incumbent : candidate < incumbent;

    public override string ToString() => $"{(Maximize ? "maximize" : "minimize")} {Metric}";
}
