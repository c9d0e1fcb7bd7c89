using System.Globalization;

namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna 3.1 ThresholdPruner (TRACES.md §8): prune when the value at the trial's largest step is NaN,
/// below <see cref="Lower"/> or above <see cref="Upper"/> (strict), after the warm-up and on the first
/// report of each interval. Ignores the direction and the other trials.
/// </summary>
public sealed class ThresholdPruner : IPruner
{
    /// <param name="lower">null means -∞.</param>
    /// <param name="upper">null means +∞.</param>
    public ThresholdPruner(double? lower = null, double? upper = null, int nWarmupSteps = 0, int intervalSteps = 1)
    {
        if (lower is null && upper is null)
        {
            throw new ArgumentOutOfRangeException("lower", "either lower or upper must be given");
        }
        if (lower is { } l && upper is { } u && l > u)
        {
            throw new ArgumentOutOfRangeException("lower", lower, $"lower {l} is above upper {u}");
        }
        if (nWarmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException("n_warmup_steps", nWarmupSteps, "n_warmup_steps must be >= 0");
        }
        if (intervalSteps < 1)
        {
            throw new ArgumentOutOfRangeException("interval_steps", intervalSteps, "interval_steps must be >= 1");
        }
        Lower = lower ?? double.NegativeInfinity;
        Upper = upper ?? double.PositiveInfinity;
        NWarmupSteps = nWarmupSteps;
        IntervalSteps = intervalSteps;
    }

    public string Name => "ThresholdPruner";

    public double Lower { get; }

    public double Upper { get; }

    public int NWarmupSteps { get; }

    public int IntervalSteps { get; }

    public PruningDecision Decide(Study study, int trialNumber)
    {
        var trial = study.Trial(trialNumber);
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
        var value = trial.ValueAt(step);
        const string Reference = "fixed bounds";
        if (double.IsNaN(value))
        {
            return new PruningDecision(true, Name, "nan", $"value at step {step} is NaN", step, value, null, Reference);
        }
        if (value < Lower)
        {
            return new PruningDecision(true, Name, "below-lower",
                string.Create(CultureInfo.InvariantCulture, $"value {value:R} at step {step} < lower {Lower:R}"), step, value, Lower, Reference);
        }
        if (value > Upper)
        {
            return new PruningDecision(true, Name, "above-upper",
                string.Create(CultureInfo.InvariantCulture, $"value {value:R} at step {step} > upper {Upper:R}"), step, value, Upper, Reference);
        }
        return new PruningDecision(false, Name, "within-bounds",
            string.Create(CultureInfo.InvariantCulture, $"value {value:R} at step {step} is within [{Lower:R}, {Upper:R}]"),
            step, value, null, Reference);
    }
}
