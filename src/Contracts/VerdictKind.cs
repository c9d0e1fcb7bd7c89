namespace HyperSweep.Contracts;

/// <summary>What the coordinator answers to an epoch report.</summary>
[GenerateSerializer, Alias("HyperSweep.VerdictKind")]
public enum VerdictKind
{
    /// <summary>Train the next epoch.</summary>
    Continue = 0,
    /// <summary>The pruner stopped the trial; it ends as pruned.</summary>
    Prune = 1,
    /// <summary>The sweep was cancelled (or the trial was ended by the coordinator); the trial ends as cancelled.</summary>
    Cancel = 2,
    /// <summary>The report came from an attempt that is no longer the trial's current one: stop silently.</summary>
    Stale = 3,
    /// <summary>
    /// The scheduler paused the trial after this epoch (an ASHA rung, a PBT generation boundary): end the attempt as
    /// paused, keeping the epoch's checkpoint, and free the slot; the coordinator resumes it later as a new attempt.
    /// </summary>
    Pause = 4,
}
