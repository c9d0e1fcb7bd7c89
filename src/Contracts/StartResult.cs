namespace HyperSweep.Contracts;

/// <summary>
/// Answer of a trial grain to a start request: whether a training slot was free on its silo, the silo's
/// address, that silo's slot capacity and use (the coordinator learns the cluster's capacity from these), and the
/// checkpoint the attempt resumes from: after epoch <c>ResumedFromEpoch</c> and, for a mid-epoch checkpoint,
/// <c>ResumedFromBatch</c> batches of the next.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.StartResult")]
public sealed record StartResult(
    [property: Id(0)] bool Started,
    [property: Id(1)] string Silo,
    [property: Id(2)] int SlotCapacity,
    [property: Id(3)] int SlotsInUse,
    [property: Id(4)] string? Reason,
    [property: Id(5)] int ResumedFromEpoch,
    [property: Id(6)] int ResumedFromBatch = 0);
