namespace HyperSweep.Contracts;

/// <summary>
/// One attempt of a trial: which silo ran it and where its checkpoint resumed it — after epoch
/// <see cref="ResumedFromEpoch"/> (0 = from scratch) and <see cref="ResumedFromBatch"/> batches of the next (a mid-epoch
/// checkpoint, e.g. a preempted attempt's).
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialAttempt")]
public sealed record TrialAttempt(
    [property: Id(0)] int Attempt,
    [property: Id(1)] string Silo,
    [property: Id(2)] int ResumedFromEpoch,
    [property: Id(3)] int ResumedFromBatch = 0);
