namespace HyperSweep.Contracts;

/// <summary>
/// A trial's report of one epoch to its sweep. (Trial, Attempt, Epoch) identifies it: a duplicate changes
/// nothing and gets the same verdict; a report from an attempt other than the current one is stale.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.EpochReport")]
public sealed record EpochReport(
    [property: Id(0)] int Trial,
    [property: Id(1)] int Attempt,
    [property: Id(2)] EpochMetrics Metrics);
