using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>One persisted entry of the pruning log (a report, or a trial's end) from which the pruner is rebuilt.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.PruningLogEntry")]
public sealed record PruningLogEntry(
    [property: Id(0)] int Trial,
    [property: Id(1)] int Step,
    [property: Id(2)] double Value,
    [property: Id(3)] TrialState? End);
