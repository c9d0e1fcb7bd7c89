namespace HyperSweep.Contracts;

/// <summary>
/// The coordinator of one sweep (key: sweep id). Every call returns promptly; trials run elsewhere and
/// report back through <see cref="ReportEpoch"/> and <see cref="ReportOutcome"/>.
/// </summary>
[Alias("HyperSweep.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Validates and starts the sweep. Rejected specs leave no state behind. Idempotent for the same text.</summary>
    [Alias("Submit")]
    Task<SubmitResult> Submit(SweepSubmission submission);

    /// <summary>
    /// The sweep's state and counts. Interleaves (a synchronous read between another turn's awaits), so a client that
    /// polls it is answered even while a dispatch waits on storage or trial starts.
    /// </summary>
    [Alias("GetStatus"), Orleans.Concurrency.AlwaysInterleave]
    Task<SweepStatus?> GetStatus();

    /// <summary>Every trial created so far, by number.</summary>
    [Alias("GetTrials")]
    Task<IReadOnlyList<TrialSummary>> GetTrials();

    /// <summary>The best <paramref name="top"/> trials that reported the objective, best first.</summary>
    [Alias("GetLeaderboard")]
    Task<IReadOnlyList<TrialSummary>> GetLeaderboard(int top);

    /// <summary>One trial's row and learning curve, or null when no such trial exists.</summary>
    [Alias("GetTrial")]
    Task<TrialDetail?> GetTrial(int trial);

    /// <summary>Stops starting trials and stops running ones; the sweep ends as cancelled.</summary>
    [Alias("Cancel")]
    Task<SweepStatus?> Cancel();

    /// <summary>Stops starting new trials; running ones finish.</summary>
    [Alias("Pause")]
    Task<SweepStatus?> Pause();

    [Alias("Resume")]
    Task<SweepStatus?> Resume();

    /// <summary>Makes sure an unfinished sweep is active and dispatching (after a restart or a silo loss).</summary>
    [Alias("Wake")]
    Task Wake();

    [Alias("ReportEpoch")]
    Task<EpochVerdict> ReportEpoch(EpochReport report);

    [Alias("ReportOutcome")]
    Task ReportOutcome(TrialOutcome outcome);

    /// <summary>A running attempt stopped without ending its trial (its silo is leaving, or it hung): start the trial again.</summary>
    [Alias("HandBack")]
    Task HandBack(TrialHandBack handBack);
}
