namespace HyperSweep.Contracts.Artifacts;

/// <summary>
/// What <c>hypersweep gc</c> asks for: delete (or with <see cref="DryRun"/> only list) artifacts no sweep or trial
/// references, leaving files younger than <see cref="MinimumAge"/> alone (a trial may be between writing a checkpoint
/// and recording it).
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.GarbageRequest")]
public sealed record GarbageRequest(
    [property: Id(0)] bool DryRun,
    [property: Id(1)] TimeSpan MinimumAge);
