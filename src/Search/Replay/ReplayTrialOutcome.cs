using HyperSweep.Search.Scheduling;

namespace HyperSweep.Search.Replay;

/// <summary>What happened to one configuration in a replayed sweep.</summary>
/// <param name="Trial">Trial number (= the curve's index; trials start in that order).</param>
/// <param name="State">Complete or Pruned (a paused trial never promoted ends pruned).</param>
/// <param name="EpochsRun">Epochs trained before it ended.</param>
/// <param name="Promotions">How often it was resumed after a pause (ASHA promotions).</param>
/// <param name="ObservedBest">Best value over the epochs it ran (NaN when all were NaN).</param>
/// <param name="FullBest">Best value over its whole recorded curve (what it would have reached unpruned).</param>
/// <param name="Start">Simulated start time.</param>
/// <param name="End">Simulated end time.</param>
/// <param name="Decision">The decision that ended it (the last one for a complete trial).</param>
public sealed record ReplayTrialOutcome(
    int Trial,
    TrialState State,
    int EpochsRun,
    double ObservedBest,
    double FullBest,
    double Start,
    double End,
    ScheduleDecision? Decision,
    int Promotions = 0);
