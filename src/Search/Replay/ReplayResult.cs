namespace HyperSweep.Search.Replay;

/// <summary>
/// The outcome of a replayed sweep: the cost (epochs and simulated time), the best value it found, and how
/// that configuration ranks among all configurations by their full curves (1 = the truly best one).
/// </summary>
/// <param name="EpochsConsumed">Epochs trained under the pruner.</param>
/// <param name="EpochsWithoutPruning">Epochs every curve holds (the cost with no pruner).</param>
/// <param name="Makespan">Simulated time until the last trial ended, with the given workers.</param>
/// <param name="BestTrial">The trial with the best observed value (-1 when every value was NaN).</param>
/// <param name="BestValueFound">Its observed best value.</param>
/// <param name="BestTrialRank">Rank of that configuration among all configurations by full-curve best (1 = best).</param>
/// <param name="TrueBestValue">The best full-curve value of any configuration.</param>
/// <param name="PrunedTrials">How many trials were pruned.</param>
/// <param name="Trials">Per-trial outcomes, by trial number.</param>
/// <param name="Promotions">Paused trials resumed by the scheduler (ASHA with promotions), 0 for pruners.</param>
public sealed record ReplayResult(
    long EpochsConsumed,
    long EpochsWithoutPruning,
    double Makespan,
    int BestTrial,
    double BestValueFound,
    int BestTrialRank,
    double TrueBestValue,
    int PrunedTrials,
    IReadOnlyList<ReplayTrialOutcome> Trials,
    int Promotions = 0)
{
    /// <summary>Fraction of the unpruned epoch budget that pruning saved.</summary>
    public double EpochSavings => EpochsWithoutPruning == 0 ? 0 : 1.0 - (double)EpochsConsumed / EpochsWithoutPruning;
}
