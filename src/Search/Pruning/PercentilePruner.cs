using System.Globalization;

namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna 3.1 PercentilePruner (TRACES.md §5): prune when the trial's best value so far is worse than the
/// given percentile of the COMPLETE trials' values at the current step.
/// </summary>
/// <remarks>
/// <see cref="IncludeRunningTrials"/> is a HyperSweep extension, off by default: the reference set then
/// also holds the values other RUNNING trials reported at that step, which a coordinator that runs trials in
/// parallel knows and Optuna's sequential view does not. Startup still counts COMPLETE trials only.
/// </remarks>
public sealed class PercentilePruner : IPruner
{
    public PercentilePruner(
        double percentile,
        int nStartupTrials = 5,
        int nWarmupSteps = 0,
        int intervalSteps = 1,
        int nMinTrials = 1,
        bool includeRunningTrials = false,
        string name = "PercentilePruner")
    {
        if (!(percentile >= 0.0 && percentile <= 100.0))
        {
            throw new ArgumentOutOfRangeException("percentile", percentile, "percentile must be in [0, 100]");
        }
        if (nStartupTrials < 0)
        {
            throw new ArgumentOutOfRangeException("n_startup_trials", nStartupTrials, "n_startup_trials must be >= 0");
        }
        if (nWarmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException("n_warmup_steps", nWarmupSteps, "n_warmup_steps must be >= 0");
        }
        if (intervalSteps < 1)
        {
            throw new ArgumentOutOfRangeException("interval_steps", intervalSteps, "interval_steps must be >= 1");
        }
        if (nMinTrials < 1)
        {
            throw new ArgumentOutOfRangeException("n_min_trials", nMinTrials, "n_min_trials must be >= 1");
        }
        Percentile = percentile;
        NStartupTrials = nStartupTrials;
        NWarmupSteps = nWarmupSteps;
        IntervalSteps = intervalSteps;
        NMinTrials = nMinTrials;
        IncludeRunningTrials = includeRunningTrials;
        Name = name;
    }

    public string Name { get; }

    public double Percentile { get; }

    public int NStartupTrials { get; }

    public int NWarmupSteps { get; }

    public int IntervalSteps { get; }

    public int NMinTrials { get; }

    public bool IncludeRunningTrials { get; }

    public PruningDecision Decide(Study study, int trialNumber)
    {
        var trial = study.Trial(trialNumber);
        if (study.CompletedCount == 0 || study.CompletedCount < NStartupTrials)
        {
            return PruningDecision.Keep(Name, "startup",
                $"{study.CompletedCount} completed trial(s), need {Math.Max(1, NStartupTrials)} before pruning", trial.LastStep);
        }
        if (trial.LastStep is not { } step)
        {
            return PruningDecision.Keep(Name, "no-report", "the trial has reported nothing");
        }
        if (step < NWarmupSteps)
        {
            return PruningDecision.Keep(Name, "warmup", $"step {step} is inside the warm-up ({NWarmupSteps} steps)", step);
        }
        if (!IntervalGate.IsFirstInInterval(trial, step, NWarmupSteps, IntervalSteps))
        {
            return PruningDecision.Keep(Name, "interval",
                $"step {step} is not the first report of its pruning interval (every {IntervalSteps} after {NWarmupSteps})", step);
        }
        var maximize = study.Direction == StudyDirection.Maximize;
        var best = trial.Best(study.Direction);
        if (double.IsNaN(best))
        {
            return new PruningDecision(true, Name, "all-nan", $"every value of the trial up to step {step} is NaN", step, best);
        }

        var referenceSet = IncludeRunningTrials ? "COMPLETE and other RUNNING trials" : "COMPLETE trials";
        var summary = IncludeRunningTrials ? study.LiveAt(step) : study.CompletedAt(step);
        double? excluded = IncludeRunningTrials ? trial.ValueAt(step) : null;
        var count = (summary?.Count ?? 0) - (IncludeRunningTrials ? 1 : 0);
        referenceSet = $"{referenceSet} at step {step}";
        if (count < NMinTrials)
        {
            return new PruningDecision(false, Name, "min-trials",
                $"{count} reference value(s) at step {step}, need {NMinTrials}", step, best, null, referenceSet, count);
        }
        var pct = maximize ? 100.0 - Percentile : Percentile;
        var threshold = summary!.Percentile(pct, excluded);
        if (double.IsNaN(threshold))
        {
            return new PruningDecision(false, Name, "nan-reference",
                $"every reference value at step {step} is NaN", step, best, threshold, referenceSet, count);
        }
        var prune = maximize ? best < threshold : best > threshold;
        var comparison = prune ? (maximize ? "<" : ">") : (maximize ? ">=" : "<=");
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"best so far {best:R} {comparison} {pct:R}th percentile {threshold:R} of {count} {referenceSet}");
        return new PruningDecision(prune, Name, "percentile", explanation, step, best, threshold, referenceSet, count);
    }
}
