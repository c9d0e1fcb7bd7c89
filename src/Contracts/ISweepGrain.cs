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

    /// <summary>
    /// The kept models (<c>keep: {best: N}</c>) by rank: the best ended trials so far, final once the sweep ends. Interleaves
    /// (it only reads the table between its calls to the kept trials), so it never waits behind a dispatch.
    /// </summary>
    [Alias("GetKeptModels"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<Artifacts.KeptModel>> GetKeptModels();

    /// <summary>
    /// One kept trial's model file (made on demand from its best checkpoint, which may take seconds: interleaves, so the
    /// sweep keeps answering reports meanwhile); null when the trial's weights were not kept.
    /// </summary>
    [Alias("GetModel"), Orleans.Concurrency.AlwaysInterleave]
    Task<Artifacts.KeptModel?> GetModel(int trial);

    /// <summary>Hyper-parameter importance over the completed trials (PED-ANOVA).</summary>
    [Alias("GetImportance")]
    Task<ImportanceReport?> GetImportance();

    /// <summary>A trial's recorded gradient norms per epoch; null when no such trial exists.</summary>
    [Alias("GetGradients"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<GradientRecord>?> GetGradients(int trial);

    /// <summary>
    /// A kept trial's answer to <see cref="ITrialGrain.Finalize"/>. One-way: the trial sends it from its own turn, and the
    /// sweep may at that moment be waiting on the same trial (<see cref="GetModel"/>).
    /// </summary>
    [Alias("ReportKeptModel"), Orleans.Concurrency.OneWay]
    Task ReportKeptModel(Artifacts.KeptModelReport report);

    /// <summary>A running attempt stopped without ending its trial (its silo is leaving, or it hung): start the trial again.</summary>
    [Alias("HandBack")]
    Task HandBack(TrialHandBack handBack);
}
