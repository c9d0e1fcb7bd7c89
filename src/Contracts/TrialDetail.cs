namespace HyperSweep.Contracts;

/// <summary>A trial's summary plus every recorded epoch's metrics (its learning curve).</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialDetail")]
public sealed record TrialDetail(
    [property: Id(0)] TrialSummary Summary,
    [property: Id(1)] IReadOnlyList<EpochMetrics> Epochs,
    [property: Id(2)] IReadOnlyList<TrialAttempt> Attempts);
