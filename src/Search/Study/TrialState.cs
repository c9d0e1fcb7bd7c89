namespace HyperSweep.Search;

/// <summary>
/// The life cycle of a trial, shared by the study, the samplers, the pruners and (through Contracts) the service.
/// Completed, Pruned, Failed and Cancelled are final. Values are fixed (0..6): they are persisted and serialised.
/// </summary>
/// <remarks>
/// What each state means to the search: only <see cref="Completed"/> trials are reference trials for percentile
/// pruning rules; TPE observes Completed and Pruned trials (and Running ones under constant liar), and treats
/// Failed and Cancelled like Optuna's FAIL (never observed). <see cref="Pending"/> is the coordinator's "queued,
/// not started"; a trial enters a <see cref="Study"/> as <see cref="Running"/>. <see cref="Paused"/> is the coordinator's
/// "stopped at a rung or a generation boundary, checkpoint kept, holding no slot, may resume": to the study (and so to
/// TPE) a paused trial is still <see cref="Running"/> — it has not ended and may report again.
/// </remarks>
public enum TrialState
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Pruned = 3,
    Failed = 4,
    Cancelled = 5,
    Paused = 6,
}
