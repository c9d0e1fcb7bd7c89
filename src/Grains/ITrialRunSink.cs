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

    /// <summary>
    /// A mid-epoch checkpoint, already in the artifact store, taken at its <see cref="Contracts.Artifacts.CheckpointPosition"/>
    /// (whole epochs done and batches of the next): it becomes the checkpoint the trial resumes from (the history does not
    /// change). False when the attempt was superseded.
    /// </summary>
    [Alias("CommitProgress")]
    Task<bool> CommitProgress(int attempt, Contracts.Artifacts.StoredCheckpoint checkpoint);

    /// <summary>The hung-trial watchdog abandoned <paramref name="attempt"/>: retry it from the checkpoint, or fail the trial past the retry limit.</summary>
    [Alias("Abandoned")]
    Task Abandoned(int attempt, string reason);
}
