using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Grains.Planning;

namespace HyperSweep.Grains.Coordination;

/// <summary>The read side of a coordinator: its status, rows and leaderboard, as the CLI and dashboard receive them.</summary>
internal static class SweepStatusView
{
    public static SweepStatus Status(string sweepId, SweepGrainState state, SweepPlan plan, SweepLedger ledger)
    {
        var table = ledger.Table;
        var counts = table.CountByState();
        var leader = table.Leader();
        var final = state.State.IsFinal();
        return new SweepStatus(
            sweepId,
            state.Name,
            state.State,
            plan.Objective,
            plan.PlannedTrials,
            final ? 0 : table.Pending.Count + (plan.PlannedTrials - table.Count),
            table.Running.Count,
            counts[(int)TrialState.Completed],
            counts[(int)TrialState.Pruned],
            counts[(int)TrialState.Failed],
            counts[(int)TrialState.Cancelled],
            leader is null ? null : Summary(plan, leader),
            state.CreatedAt,
            state.FinishedAt,
            state.Reason,
            table.Paused.Count,
            ledger.Scheduling is { } s
                ? new SchedulerStatus(s.Name, s.Settings, [.. s.Rungs.Select(r => new RungStatus(r.Bracket, r.Rung, r.Step, r.Recorded, r.Promoted, r.Paused))],
                    s.Promotions, s.Generation, s.Exploitations)
                : null);
    }

    /// <summary>A row with the hyper-parameters the trial trains with (fixed settings merged in).</summary>
    public static TrialSummary Summary(SweepPlan plan, TrialRecord record) => record.ToSummary(plan.HyperParametersOf(record.Parameters));
}
