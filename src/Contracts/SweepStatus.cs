using HyperSweep.Search;

namespace HyperSweep.Contracts;

/// <summary>
/// A sweep's state and counts, answered by the coordinator from its own state: trials paused by a scheduler (they hold
/// no slot and may resume) are counted apart, and <see cref="Scheduler"/> describes the scheduler's rungs or generation.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SweepStatus")]
public sealed record SweepStatus(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepState State,
    [property: Id(3)] Objective Objective,
    [property: Id(4)] int PlannedTrials,
    [property: Id(5)] int Pending,
    [property: Id(6)] int Running,
    [property: Id(7)] int Completed,
    [property: Id(8)] int Pruned,
    [property: Id(9)] int Failed,
    [property: Id(10)] int Cancelled,
    [property: Id(11)] TrialSummary? Best,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset? FinishedAt,
    [property: Id(14)] string? Reason,
    [property: Id(30)] int Paused = 0,
    [property: Id(31)] SchedulerStatus? Scheduler = null)
{
    public int Finished => Completed + Pruned + Failed + Cancelled;

    public bool IsFinal => State.IsFinal();
}
