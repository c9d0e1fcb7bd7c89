using System.Collections.Immutable;

namespace HyperSweep.Contracts.Artifacts;

/// <summary>A kept trial's answer to its sweep's finalization: its model file, its test metrics (null without a test split) and any problem.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.KeptModelReport")]
public sealed record KeptModelReport(
    [property: Id(0)] int Trial,
    [property: Id(1)] ArtifactRef? Model,
    [property: Id(2)] ImmutableSortedDictionary<string, double>? TestMetrics,
    [property: Id(3)] string? Note);
