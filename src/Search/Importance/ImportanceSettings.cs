namespace HyperSweep.Search.Importance;

/// <summary>
/// PED-ANOVA's settings: the top quantile whose distribution is compared with all trials' (0.1 = the best 10 %), the
/// fewest trials that quantile may hold, how finely a numeric domain is cut into cells, and the weight of the broad
/// prior kernel that keeps a density from being zero where no trial landed.
/// </summary>
public sealed record ImportanceSettings(double TopQuantile = 0.1, int MinTopTrials = 2, int GridSteps = 50, double PriorWeight = 1.0)
{
    public static ImportanceSettings Default { get; } = new();
}
