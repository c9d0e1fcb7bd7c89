namespace HyperSweep.Search;

/// <summary>
/// The metric a sweep and its trials are judged by, and which way is better: what the sampler and pruner rank by,
/// what the trainer's early stopping and best epoch follow, what the leaderboard sorts by.
/// </summary>
public sealed record Objective(string Metric, StudyDirection Direction)
{
    public bool Maximize => Direction == StudyDirection.Maximize;

    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/>.</summary>
    public bool IsBetter(double candidate, double incumbent) => Maximize ? candidate > incumbent : candidate < incumbent;

    /// <summary>
    /// Whether an epoch's value becomes a trial's recorded best: the first value, or one strictly better than the best so
    /// far (ties keep the earlier epoch). The coordinator's leaderboard and the trial's kept best checkpoint both use it,
    /// so a kept model is always the epoch the leaderboard shows.
    /// </summary>
    public bool BecomesBest(double candidate, double? best) => best is not { } incumbent || IsBetter(candidate, incumbent);

    /// <summary>True when <paramref name="candidate"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/> (NaN never does).</summary>
    public bool IsImprovement(double candidate, double? best, double minDelta = 0)
    {
        if (double.IsNaN(candidate))
        {
            return false;
        }

        if (best is not { } reference)
        {
            return true;
        }

        return Maximize ? candidate > reference + minDelta : candidate < reference - minDelta;
    }

    public override string ToString() => $"{(Maximize ? "maximize" : "minimize")} {Metric}";
}
