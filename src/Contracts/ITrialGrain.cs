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
    /// What the trial trains with — task, hyper-parameters, seed, epoch budget, objective, early stopping — as its last
    /// attempt was given it; null before its first start. <c>hypersweep trial --as-trial-file</c> writes it as a trial file.
    /// </summary>
    [Alias("GetAssignment"), Orleans.Concurrency.AlwaysInterleave]
    Task<TrialAssignment?> GetAssignment();

    /// <summary>Whether the current attempt is training in this activation (interleaves, so it never waits on training).</summary>
    [Alias("Probe"), Orleans.Concurrency.AlwaysInterleave]
    Task<TrialRunProbe> Probe();

    /// <summary>
    /// The sweep will not keep this trial's model: delete its weights once it has ended (at once if it has; when it
    /// ends otherwise). Never touches a trial that may still resume.
    /// </summary>
    [Alias("ReleaseArtifacts")]
    Task ReleaseArtifacts();

    /// <summary>
    /// The sweep has ended and keeps this trial: make its model file if not yet made, score it on the test split when
    /// <paramref name="scoreTest"/> (once), and answer with <see cref="ISweepGrain.ReportKeptModel"/>. Returns at once.
    /// </summary>
    [Alias("Finalize"), Orleans.Concurrency.OneWay]
    Task Finalize(bool scoreTest);

    /// <summary>The trial's kept model file, made now from its best checkpoint if needed; null when its weights were released.</summary>
    [Alias("GetModel")]
    Task<Artifacts.KeptModelReport?> GetModel();

    /// <summary>What the trial references in the artifact store now (its checkpoints and model).</summary>
    [Alias("GetArtifacts"), Orleans.Concurrency.AlwaysInterleave]
    Task<Artifacts.TrialArtifacts> GetArtifacts();

    /// <summary>The gradient norms it recorded, one per epoch (empty unless the sweep asked for them).</summary>
    [Alias("GetGradients"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<GradientRecord>> GetGradients();
}
