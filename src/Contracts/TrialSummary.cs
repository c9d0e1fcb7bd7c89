using HyperSweep.Search;
using System.Collections.Immutable;

namespace HyperSweep.Contracts;

/// <summary>
/// One row of the trial table: state, parameters, progress and best objective value so far, and when the trial
/// reached its final state (null while it runs, and for trials that ended before the coordinator recorded it), whether
/// its model is kept (<c>keep: {best: N}</c>), and its test metrics (scored once, at the end of the sweep, for kept
/// models only; null otherwise).
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialSummary")]
public sealed record TrialSummary(
    [property: Id(0)] int Number,
    [property: Id(1)] TrialState State,
    [property: Id(2)] ImmutableSortedDictionary<string, object> Parameters,
    [property: Id(3)] int EpochsRun,
    [property: Id(4)] double? BestValue,
    [property: Id(5)] int? BestEpoch,
    [property: Id(6)] double? LastValue,
    [property: Id(7)] string? Reason,
    [property: Id(8)] int Attempts,
    [property: Id(9)] string? Silo,
    [property: Id(10)] DateTimeOffset? EndedAt = null,
    [property: Id(11)] bool Kept = false,
    [property: Id(12)] ImmutableSortedDictionary<string, double>? TestMetrics = null);
