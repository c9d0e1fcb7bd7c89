using System.Globalization;

namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna 3.1 PatientPruner (TRACES.md §8): a trial whose best value over its last patience+1 steps did
/// not beat its best before them by more than min_delta is "stalled"; only then is the wrapped pruner asked
/// (or, without one, the trial is pruned). min_delta defaults to 0.
/// </summary>
public sealed class PatientPruner : IPruner
{
    public PatientPruner(IPruner? wrappedPruner, int patience, double minDelta = 0.0)
    {
        if (patience < 0)
        {
            throw new ArgumentOutOfRangeException("patience", patience, "patience must be >= 0");
        }
        if (!(minDelta >= 0.0))
        {
            throw new ArgumentOutOfRangeException("min_delta", minDelta, "min_delta must be >= 0");
        }
        WrappedPruner = wrappedPruner;
        Patience = patience;
        MinDelta = minDelta;
    }

    public string Name => "PatientPruner";

    public IPruner? WrappedPruner { get; }

    public int Patience { get; }

    public double MinDelta { get; }

    public PruningDecision Decide(Study study, int trialNumber)
    {
        var trial = study.Trial(trialNumber);
        if (trial.LastStep is not { } step)
        {
            return PruningDecision.Keep(Name, "no-report", "the trial has reported nothing");
        }
        var count = trial.StepCount;
        if (count <= Patience + 1)
        {
            return PruningDecision.Keep(Name, "patience", $"{count} step(s) reported, patience needs more than {Patience + 1}", step);
        }
                var split = count - Patience - 1;
        var maximize = study.Direction == StudyDirection.Maximize;
        var before = NanExtreme(trial, 0, split, maximize);
        var after = NanExtreme(trial, split, count, maximize);
        // NaN on either side makes the comparison false: not stalled.
        var stalled = maximize ? before - MinDelta > after : before + MinDelta < after;
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"best of the last {Patience + 1} steps {after:R} vs best before {before:R} (min_delta {MinDelta:R})");
        if (!stalled)
        {
            return new PruningDecision(false, Name, "improving", $"{explanation}: still improving", step, after, before,
                $"trial {trialNumber}'s own earlier steps", split);
        }
        if (WrappedPruner is null)
        {
            return new PruningDecision(true, Name, "stalled", $"{explanation}: stalled", step, after, before,
                $"trial {trialNumber}'s own earlier steps", split);
        }
        var inner = WrappedPruner.Decide(study, trialNumber);
        return inner with { Pruner = $"{Name}({inner.Pruner})", Explanation = $"stalled ({explanation}); {inner.Pruner}: {inner.Explanation}" };
    }

    private static double NanExtreme(StudyTrial trial, int from, int to, bool maximize)
    {
        var result = double.NaN;
        for (var i = from; i < to; i++)
        {
            var v = trial.ValueAtIndex(i);
            if (double.IsNaN(v))
            {
                continue;
            }
            if (double.IsNaN(result) || (maximize ? v > result : v < result))
            {
                result = v;
            }
        }
        return result;
    }
}
