namespace HyperSweep.Contracts;

/// <summary>
/// One trial (key: <c>{sweepId}/{trialNumber}</c>, see <see cref="TrialKey"/>). Owns its training run, its
/// per-epoch history and its last checkpoint; trains on a dedicated thread, never on the grain scheduler.
/// </summary>
[Alias("HyperSweep.ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Starts (or resumes from the last checkpoint) an attempt if a training slot is free; returns at once.</summary>
    [Alias("Start")]
    Task<StartResult> Start(TrialAssignment assignment);

    /// <summary>Ends the running attempt as cancelled with <paramref name="reason"/>.</summary>
    [Alias("Stop"), Orleans.Concurrency.AlwaysInterleave]
    Task Stop(string reason);

    /// <summary>Interrupts the running attempt without ending the trial; its checkpoint stays for a later attempt (pause).</summary>
    [Alias("Suspend"), Orleans.Concurrency.AlwaysInterleave]
    Task Suspend();

    /// <summary>This trial's own per-epoch history as persisted by the trial.</summary>
    [Alias("GetHistory"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<EpochMetrics>> GetHistory();

    /// <summary>
    /// PBT's exploit: replaces this paused trial's checkpoint with <paramref name="donorTrial"/>'s checkpoint after
    /// <paramref name="epoch"/> (fetched from that trial's grain), so its next attempt continues from the donor's weights
    /// and optimizer state with this trial's new hyper-parameters. Refused for any attempt but the current, paused one;
    /// repeating a done adoption answers adopted again.
    /// </summary>
    [Alias("AdoptCheckpoint")]
    Task<AdoptionResult> AdoptCheckpoint(int attempt, int donorTrial, int epoch);

    /// <summary>This trial's checkpoint if it was taken after <paramref name="epoch"/>, else null (another trial adopting it asks).</summary>
    [Alias("GetCheckpoint"), Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> GetCheckpoint(int epoch);

    /// <summary>Whether the current attempt is training in this activation (interleaves, so it never waits on training).</summary>
    [Alias("Probe"), Orleans.Concurrency.AlwaysInterleave]
    Task<TrialRunProbe> Probe();
}
