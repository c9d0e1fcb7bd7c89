namespace HyperSweep.Contracts;

/// <summary>One attempt of a trial: which silo ran it and the epoch its checkpoint resumed from (0 = from scratch).</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialAttempt")]
public sealed record TrialAttempt(
    [property: Id(0)] int Attempt,
    [property: Id(1)] string Silo,
    [property: Id(2)] int ResumedFromEpoch);
