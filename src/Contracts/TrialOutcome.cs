using HyperSweep.Search;
namespace HyperSweep.Contracts;

/// <summary>How a trial attempt ended, sent by the trial to its sweep (idempotent per trial and attempt).</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialOutcome")]
public sealed record TrialOutcome(
    [property: Id(0)] int Trial,
    [property: Id(1)] int Attempt,
    [property: Id(2)] TrialState State,
    [property: Id(3)] int EpochsRun,
    [property: Id(4)] string? Reason);
