using System.Globalization;

namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna 3.1 SuccessiveHalvingPruner, asynchronous SHA (TRACES.md §6). Rung r is reached at step
/// min_resource · reduction_factor^(min_early_stopping_rate + r); a trial reaching it records its value
/// there and is promoted when it is in the top 1/reduction_factor of every value recorded at that rung
/// (pruned, failed and completed trials' records included). Defaults: min_resource "auto",
/// reduction_factor 4, min_early_stopping_rate 0, bootstrap_count 0.
/// </summary>
/// <remarks>
/// State: the resolved "auto" min_resource and the rung records, both written only by <see cref="Decide"/>.
/// Rung values are kept sorted per rung, so a promotion test is a binary-search insert plus one index.
/// </remarks>
public sealed class SuccessiveHalvingPruner : IPruner
{
    private readonly Dictionary<int, List<double>> _rungsByTrial = new();
    private readonly List<SortedValues> _valuesByRung = new();

    /// <param name="minResource">null means "auto": max(largest completed last step / 100, 1), resolved once.</param>
    public SuccessiveHalvingPruner(
        int? minResource = null,
        int reductionFactor = 4,
        int minEarlyStoppingRate = 0,
        int bootstrapCount = 0)
    {
        if (minResource is < 1)
        {
            throw new ArgumentOutOfRangeException("min_resource", minResource, "min_resource must be >= 1 or \"auto\"");
        }
        if (reductionFactor < 2)
        {
            throw new ArgumentOutOfRangeException("reduction_factor", reductionFactor, "reduction_factor must be >= 2");
        }
        if (minEarlyStoppingRate < 0)
        {
            throw new ArgumentOutOfRangeException("min_early_stopping_rate", minEarlyStoppingRate, "min_early_stopping_rate must be >= 0");
        }
        if (bootstrapCount < 0)
        {
            throw new ArgumentOutOfRangeException("bootstrap_count", bootstrapCount, "bootstrap_count must be >= 0");
        }
        if (bootstrapCount > 0 && minResource is null)
        {
            throw new ArgumentOutOfRangeException("bootstrap_count", bootstrapCount,
                "bootstrap_count > 0 needs an explicit min_resource (not \"auto\")");
        }
        MinResource = minResource;
        ReductionFactor = reductionFactor;
        MinEarlyStoppingRate = minEarlyStoppingRate;
        BootstrapCount = bootstrapCount;
        IsAutoMinResource = minResource is null;
    }

    public string Name => "SuccessiveHalvingPruner";

    /// <summary>The min resource, or null while "auto" is unresolved.</summary>
    public int? MinResource { get; private set; }

    public bool IsAutoMinResource { get; }

    public int ReductionFactor { get; }

    public int MinEarlyStoppingRate { get; }

    public int BootstrapCount { get; }

    /// <summary>The rung records of a trial: element r is its value at rung r.</summary>
    public IReadOnlyList<double> RungsOf(int trialNumber) =>
        _rungsByTrial.TryGetValue(trialNumber, out var rungs) ? rungs : Array.Empty<double>();

    /// <summary>The promotion step of rung <paramref name="rung"/> (saturates instead of overflowing).</summary>
    public long PromotionStep(int rung)
    {
        long result = MinResource ?? throw new InvalidOperationException("min_resource is not resolved yet");
        for (var i = 0; i < MinEarlyStoppingRate + rung; i++)
        {
            if (result > long.MaxValue / ReductionFactor)
            {
                return long.MaxValue;
            }
            result *= ReductionFactor;
        }
        return result;
    }

    public PruningDecision Decide(Study study, int trialNumber)
    {
        var trial = study.Trial(trialNumber);
        if (trial.LastStep is not { } step)
        {
            return PruningDecision.Keep(Name, "no-report", "the trial has reported nothing");
        }
        if (!_rungsByTrial.TryGetValue(trialNumber, out var rungs))
        {
            rungs = new List<double>();
            _rungsByTrial.Add(trialNumber, rungs);
        }
        var rung = rungs.Count;
        var value = trial.ValueAt(step);
        var maximize = study.Direction == StudyDirection.Maximize;
        while (true)
        {
            if (MinResource is null)
            {
                if (study.MaxCompletedLastStep is not { } longest)
                {
                    return PruningDecision.Keep(Name, "auto-unresolved",
                        "min_resource \"auto\" waits for a COMPLETE trial with reports", step);
                }
                MinResource = Math.Max(longest / 100, 1);
            }
            var promotionStep = PromotionStep(rung);
            if (step < promotionStep)
            {
                var promoted = rung > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"promoted at rung {rung - 1} with {rungs[rung - 1]:R}; ")
                    : "";
                return PruningDecision.Keep(Name, "below-rung",
                    $"{promoted}step {step} is below rung {rung}'s promotion step {promotionStep}", step);
            }
            if (double.IsNaN(value))
            {
                return new PruningDecision(true, Name, "nan", $"value at step {step} is NaN at rung {rung}", step, value);
            }
            rungs.Add(value);
            while (_valuesByRung.Count <= rung)
            {
                _valuesByRung.Add(new SortedValues());
            }
            var competing = _valuesByRung[rung];
            competing.Add(value);
            var n = competing.Count;
            var referenceSet = $"rung {rung} records (step {promotionStep})";
            if (n <= BootstrapCount)
            {
                return new PruningDecision(true, Name, "bootstrap",
                    $"{n} record(s) at rung {rung}, bootstrap needs more than {BootstrapCount}", step, value, null, referenceSet, n);
            }
            var k = n / ReductionFactor - 1;
            if (k == -1)
            {
                k = 0;
            }
            var cutoff = maximize ? competing[n - 1 - k] : competing[k];
            var promotable = maximize ? value >= cutoff : value <= cutoff;
            if (!promotable)
            {
                return new PruningDecision(true, Name, "rung",
                    string.Create(CultureInfo.InvariantCulture,
                        $"value {value:R} at rung {rung} is not in the top {k + 1} of {n} (cut-off {cutoff:R})"),
                    step, value, cutoff, referenceSet, n);
            }
            rung++;
        }
    }
}
