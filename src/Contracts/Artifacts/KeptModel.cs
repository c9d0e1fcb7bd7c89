using System.Collections.Immutable;
using HyperSweep.Search;

namespace HyperSweep.Contracts.Artifacts;

/// <summary>
/// One of a sweep's kept models (<c>keep: {best: N}</c>), by leaderboard rank: the trial, its best value and epoch, the
/// model file in the artifact store (null until it is made, or when the workload makes none), its test metrics once
/// scored (at the end of the sweep), and a note when making or scoring it failed.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.KeptModel")]
public sealed record KeptModel(
    [property: Id(0)] int Trial,
    [property: Id(1)] int Rank,
    [property: Id(2)] TrialState State,
    [property: Id(3)] double? BestValue,
    [property: Id(4)] int? BestEpoch,
    [property: Id(5)] ArtifactRef? Model,
    [property: Id(6)] ImmutableSortedDictionary<string, double>? TestMetrics,
    [property: Id(7)] string? Note);
