using HyperSweep.Search;
using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Bench;

/// <summary>
/// The textbook median rule with no summaries: every decision scans every trial and sorts the values at
/// the step. Only here to show, next to <see cref="MedianPruner"/>, the linear growth the summaries avoid.
/// </summary>
internal sealed class LinearScanMedianPruner : IPruner
{
    public string Name => "LinearScanMedian";

    public PruningDecision Decide(Study study, int trialNumber)
    {
        var trial = study.Trial(trialNumber);
        var step = trial.LastStep!.Value;
        var values = new List<double>();
        foreach (var other in study.Trials)
        {
            if (other.State == TrialState.Completed && other.TryGetValue(step, out var value) && !double.IsNaN(value))
            {
                values.Add(value);
            }
        }
        if (values.Count < 5)
        {
            return PruningDecision.Keep(Name, "startup", "too few trials", step);
        }
        values.Sort();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
        var best = trial.Best(study.Direction);
        return new PruningDecision(best > median, Name, "median", "linear scan", step, best, median);
    }
}
