using System.Collections.Immutable;

namespace HyperSweep.Contracts;

/// <summary>The metrics of one finished epoch (1-based), by metric name (docs/HYPERPARAMETERS.md).</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.EpochMetrics")]
public sealed record EpochMetrics(
    [property: Id(0)] int Epoch,
    [property: Id(1)] ImmutableSortedDictionary<string, double> Values);
