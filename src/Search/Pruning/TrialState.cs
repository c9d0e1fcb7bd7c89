namespace HyperSweep.Search.Pruning;

/// <summary>
/// The life-cycle states a pruner can see (CONTRACTS.md "Trial outcome states"). Only
/// <see cref="Complete"/> trials are reference trials for percentile rules; every finished state keeps
/// its successive-halving rung records.
/// </summary>
public enum TrialState
{
    Running,
    Complete,
    Pruned,
    Failed,
    Cancelled,
}
