namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna 3.1 MedianPruner: exactly <see cref="PercentilePruner"/> with percentile 50 (defaults
/// n_startup_trials=5, n_warmup_steps=0, interval_steps=1, n_min_trials=1).
/// </summary>
public sealed class MedianPruner : IPruner
{
    private readonly PercentilePruner _percentile;

    public MedianPruner(
        int nStartupTrials = 5,
        int nWarmupSteps = 0,
        int intervalSteps = 1,
        int nMinTrials = 1,
        bool includeRunningTrials = false)
    {
        _percentile = new PercentilePruner(50.0, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials,
            includeRunningTrials, "MedianPruner");
    }

    public string Name => _percentile.Name;

    public int NStartupTrials => _percentile.NStartupTrials;

    public int NWarmupSteps => _percentile.NWarmupSteps;

    public int IntervalSteps => _percentile.IntervalSteps;

    public int NMinTrials => _percentile.NMinTrials;

    public bool IncludeRunningTrials => _percentile.IncludeRunningTrials;

    public PruningDecision Decide(Study study, int trialNumber) => _percentile.Decide(study, trialNumber);
}
