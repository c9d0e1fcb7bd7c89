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
}
