using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>
/// Calls the training thread makes into its own trial grain so the grain persists progress in ordinary turns.
/// Internal to the silo (the client never sees it). False means the attempt is no longer current: stop.
/// </summary>
[Alias("HyperSweep.ITrialRunSink")]
public interface ITrialRunSink : IGrainWithStringKey
{
    /// <summary>Persists an epoch: its metrics, the stored checkpoint taken after it, and the gradient norms measured.</summary>
    [Alias("CommitEpoch")]
    Task<bool> CommitEpoch(int attempt, EpochMetrics metrics, Contracts.Artifacts.StoredCheckpoint? checkpoint, GradientRecord? gradients);

    [Alias("CommitEnd")]
    Task<bool> CommitEnd(int attempt, TrialState state, string? reason);
}
