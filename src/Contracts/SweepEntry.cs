namespace HyperSweep.Contracts;

/// <summary>A sweep as the registry knows it: id, name, last known state and when it was created.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SweepEntry")]
public sealed record SweepEntry(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepState State,
    [property: Id(3)] DateTimeOffset CreatedAt);
