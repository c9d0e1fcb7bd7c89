namespace HyperSweep.Contracts.Artifacts;

/// <summary>What the garbage collector found: unreferenced files (deleted unless a dry run), their bytes, and the files kept.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.GarbageReport")]
public sealed record GarbageReport(
    [property: Id(0)] string Store,
    [property: Id(1)] IReadOnlyList<string> Unreferenced,
    [property: Id(2)] long UnreferencedBytes,
    [property: Id(3)] int Kept,
    [property: Id(4)] bool DryRun);
