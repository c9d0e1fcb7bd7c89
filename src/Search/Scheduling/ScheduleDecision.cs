using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Scheduling;

/// <summary>
/// A scheduler's answer to a report, explained: the action, which scheduler and rule decided, one human sentence with
/// every number involved, the value judged and what it was compared with, and for rung-based schedulers the rung the
/// trial was recorded at and whether it was promoted past it without pausing. A stop-only scheduler (a pruner) fills
/// the same fields a <see cref="PruningDecision"/> has.
/// </summary>
/// <param name="Action">Continue, stop (prune) or pause.</param>
/// <param name="Scheduler">The deciding scheduler's (or pruner's) name.</param>
/// <param name="Rule">Short code of the rule that decided, e.g. "rung", "promoted", "generation", "percentile".</param>
/// <param name="Explanation">One human sentence with every number involved.</param>
/// <param name="Step">The step judged (the trial's largest step), if any.</param>
/// <param name="Value">The value judged.</param>
/// <param name="Threshold">The value it was compared with, when a comparison happened.</param>
/// <param name="ReferenceSet">What the threshold was drawn from.</param>
/// <param name="ReferenceCount">How many values the reference set held.</param>
/// <param name="Rung">The rung the trial was recorded at by this report (rung-based schedulers), else null.</param>
/// <param name="Promoted">The trial was promoted past <paramref name="Rung"/> at once (the freed slot went to it).</param>
public sealed record ScheduleDecision(
    ScheduleAction Action,
    string Scheduler,
    string Rule,
    string Explanation,
    int? Step = null,
    double? Value = null,
    double? Threshold = null,
    string? ReferenceSet = null,
    int ReferenceCount = 0,
    int? Rung = null,
    bool Promoted = false)
{
    /// <summary>The trial is to end as pruned.</summary>
    public bool ShouldPrune => Action == ScheduleAction.Stop;

    /// <summary>The trial is to pause after this step.</summary>
    public bool ShouldPause => Action == ScheduleAction.Pause;

    public static ScheduleDecision Keep(string scheduler, string rule, string explanation, int? step = null) =>
        new(ScheduleAction.Continue, scheduler, rule, explanation, step);

    /// <summary>A pruner's decision as a scheduler's: stop or continue, with the same explanation.</summary>
    public static ScheduleDecision From(PruningDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new ScheduleDecision(
            decision.ShouldPrune ? ScheduleAction.Stop : ScheduleAction.Continue,
            decision.Pruner,
            decision.Rule,
            decision.Explanation,
            decision.Step,
            decision.Value,
            decision.Threshold,
            decision.ReferenceSet,
            decision.ReferenceCount);
    }

    public override string ToString() => $"{Action.ToString().ToLowerInvariant()} [{Scheduler}/{Rule}] {Explanation}";
}
