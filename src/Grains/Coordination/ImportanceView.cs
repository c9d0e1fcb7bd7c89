using HyperSweep.Contracts;
using HyperSweep.Grains.Planning;
using HyperSweep.Search;
using HyperSweep.Search.Importance;

namespace HyperSweep.Grains.Coordination;

/// <summary>
/// A sweep's hyper-parameter importance from its table: Search's PED-ANOVA over the completed trials' searched
/// parameters and best values (pruned trials stopped early, so their values are not comparable; failed ones have none).
/// </summary>
internal static class ImportanceView
{
    public const string Method = "PED-ANOVA";

    /// <summary>Fewer completed trials than this say nothing about importance.</summary>
    public const int MinimumTrials = 5;

    public static ImportanceReport Of(SweepPlan plan, TrialTable table)
    {
        var samples = table.Records
            .Where(r => r.State == TrialState.Completed && r.BestValue is { } v && double.IsFinite(v) && r.Parameters is not null)
            .Select(r => new ImportanceSample(r.Parameters!, r.BestValue!.Value))
            .ToList();
        var settings = ImportanceSettings.Default;
        if (plan.Spec.Parameters.Parameters.Count == 0)
        {
            return new ImportanceReport(Method, samples.Count, settings.TopQuantile, [], "the sweep searches no parameters");
        }

        if (samples.Count < MinimumTrials)
        {
            return new ImportanceReport(Method, samples.Count, settings.TopQuantile, [],
                $"{samples.Count} completed trials; importance needs at least {MinimumTrials}");
        }

        var ranked = PedAnova.Evaluate(plan.Spec.Parameters, samples, plan.Objective.Direction, settings);
        return new ImportanceReport(
            Method,
            samples.Count,
            settings.TopQuantile,
            [.. ranked.Select(p => new ParameterImportanceEntry(p.Name, p.Importance, p.Divergence, p.Condition, p.Trials, p.TopTrials))],
            null);
    }
}
