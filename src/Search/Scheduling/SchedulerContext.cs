using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Scheduling;

/// <summary>What a scheduler needs from the rest of the spec: the searched space (PBT's domains), the trials' epoch budget and the seed.</summary>
public sealed record SchedulerContext(SearchSpace Space, int MaxEpochs, long Seed);
