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
    [Alias("CommitEpoch")]
    Task<bool> CommitEpoch(int attempt, EpochMetrics metrics, byte[]? checkpoint);

    [Alias("CommitEnd")]
    Task<bool> CommitEnd(int attempt, TrialState state, string? reason);

    /// <summary>
    /// A mid-epoch checkpoint: <paramref name="epochsDone"/> whole epochs and <paramref name="batchesDone"/> batches of the
    /// next, stored as the trial's checkpoint (it replaces the last one; the history does not change). Alongside
    /// <see cref="CommitEpoch"/> so where checkpoint bytes are kept stays one decision of the trial grain.
    /// </summary>
    [Alias("CommitProgress")]
    Task<bool> CommitProgress(int attempt, int epochsDone, int batchesDone, byte[] checkpoint);

    /// <summary>The hung-trial watchdog abandoned <paramref name="attempt"/>: retry it from the checkpoint, or fail the trial past the retry limit.</summary>
    [Alias("Abandoned")]
    Task Abandoned(int attempt, string reason);
}
