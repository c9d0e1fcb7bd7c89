namespace HyperSweep.Search.Replay;

/// <summary>
/// One sampler's replay on a tabular benchmark over several seeds: each seed's best-so-far after every trial, and
/// how many trials it needed to reach the table's best value (null: not within the budget).
/// </summary>
public sealed record SamplerReplayResult(
    string Sampler,
    int Budget,
    IReadOnlyList<long> Seeds,
    IReadOnlyList<double[]> BestSoFar,
    IReadOnlyList<int?> TrialsToTableBest,
    double TableBest)
{
    /// <summary>Quartiles over seeds of the best value reached after <paramref name="trials"/> trials.</summary>
    public Quartiles After(int trials) =>
        trials < 1 || trials > Budget
            ? throw new ArgumentOutOfRangeException(nameof(trials), trials, $"1..{Budget}")
            : Quartiles.Of(BestSoFar.Select(curve => curve[trials - 1]));

    /// <summary>How many seeds reached the table's best within the budget.</summary>
    public int ReachedTableBest => TrialsToTableBest.Count(t => t is not null);

    /// <summary>Quartiles over seeds of the trials needed to reach the table's best (a seed that never did counts as +∞).</summary>
    public Quartiles TrialsToBestQuartiles => Quartiles.Of(TrialsToTableBest.Select(t => t is { } n ? n : double.PositiveInfinity));

    /// <summary>The checkpoints 10, 25, 50, 100, 250, 500, 1000, … up to the budget, and the budget itself.</summary>
    public static IReadOnlyList<int> Checkpoints(int budget)
    {
        var checkpoints = new List<int>();
        for (var scale = 1; scale <= budget; scale *= 10)
        {
            foreach (var step in new[] { 10, 25, 50 })
            {
                if (step * scale <= budget)
                {
                    checkpoints.Add(step * scale);
                }
            }
        }
        if (checkpoints.Count == 0 || checkpoints[^1] != budget)
        {
            checkpoints.Add(budget);
        }
        return checkpoints;
    }
}
