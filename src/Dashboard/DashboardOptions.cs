namespace HyperSweep.Dashboard;

/// <summary>What the dashboard shows and who may control sweeps from it (bound once by the host, validated at start).</summary>
public sealed class DashboardOptions
{
    /// <summary>Dev: loopback clients may control sweeps without a token. Cluster: only holders of <see cref="Token"/> may.</summary>
    public DashboardMode Mode { get; set; } = DashboardMode.Dev;

    /// <summary>The control token (configured, or generated and printed at start); null: nobody has one.</summary>
    public string? Token { get; set; }

    /// <summary>How often open pages look for changes. Every page reads through one cache, so this is also the most often the coordinator is asked, however many pages are open.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Learning curves of this many best trials (the CLI's plot -k).</summary>
    public int CurveTopK { get; set; } = 10;

    /// <summary>At most this many pruned trials' curves (an even sample over the epochs they were pruned at).</summary>
    public int MaxPrunedCurves { get; set; } = 40;

    /// <summary>At most this many lines in the parallel-coordinates plot and points per objective-vs-parameter plot.</summary>
    public int MaxPlottedTrials { get; set; } = 1_000;

    /// <summary>Of the plotted trials, this many are always the best ones; the rest is an even sample.</summary>
    public int PlottedBest { get; set; } = 200;

    /// <summary>Leaderboard rows per page.</summary>
    public int LeaderboardPageSize { get; set; } = 50;

    public IEnumerable<string> Validate()
    {
        if (RefreshInterval < TimeSpan.FromMilliseconds(100) || RefreshInterval > TimeSpan.FromMinutes(10))
        {
            yield return $"Dashboard:RefreshInterval must be between 0.1 s and 10 min (got {RefreshInterval}).";
        }

        if (CurveTopK is < 1 or > 100 || MaxPrunedCurves is < 0 or > 500)
        {
            yield return "Dashboard:CurveTopK must be 1-100 and Dashboard:MaxPrunedCurves 0-500.";
        }

        if (MaxPlottedTrials is < 10 or > 100_000 || PlottedBest < 0 || PlottedBest > MaxPlottedTrials)
        {
            yield return "Dashboard:MaxPlottedTrials must be 10-100000 and Dashboard:PlottedBest 0-MaxPlottedTrials.";
        }

        if (LeaderboardPageSize is < 5 or > 1_000)
        {
            yield return "Dashboard:LeaderboardPageSize must be 5-1000.";
        }

        if (Mode == DashboardMode.Cluster && string.IsNullOrEmpty(Token))
        {
            yield return "Dashboard:Token is required in cluster mode (the host generates one when none is configured).";
        }

        if (Token is { Length: < 16 })
        {
            yield return "Dashboard:Token must be at least 16 characters.";
        }
    }
}
