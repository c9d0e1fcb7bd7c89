using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>One entry of the old layout's pruning log (a report, or a trial's end): read only to migrate a stored sweep to the journal.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.PruningLogEntry")]
public sealed record PruningLogEntry(
    [property: Id(0)] int Trial,
    [property: Id(1)] int Step,
    [property: Id(2)] double Value,
    [property: Id(3)] TrialState? End);
