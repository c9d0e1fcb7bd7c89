namespace HyperSweep.Contracts;

/// <summary>What the coordinator answers to an epoch report.</summary>
[GenerateSerializer, Alias("HyperSweep.VerdictKind")]
public enum VerdictKind
{
    /// <summary>Train the next epoch.</summary>
    Continue = 0,
    /// <summary>The pruner stopped the trial; it ends as pruned.</summary>
    Prune = 1,
    /// <summary>Stop without a pruning decision: the sweep was cancelled or the report came from a stale attempt.</summary>
    Stop = 2,
}
