using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>The metric a trial is judged by (early stopping, best epoch, the sweep's ranking) and its direction.</summary>
public sealed record Objective(string Metric, ObjectiveDirection Direction)
{
    /// <summary>What a task is judged by when the spec says nothing: dev accuracy or dev perplexity.</summary>
    public static Objective DefaultFor(TaskKind kind) => kind == TaskKind.Classification
        ? new Objective(MetricNames.ValAccuracy, ObjectiveDirection.Maximize)
        : new Objective(MetricNames.ValPerplexity, ObjectiveDirection.Minimize);

    /// <summary>Parses <c>minimize</c> / <c>maximize</c>.</summary>
    public static ObjectiveDirection ParseDirection(string text, string field = "objective.direction") => text switch
    {
        "minimize" => ObjectiveDirection.Minimize,
        "maximize" => ObjectiveDirection.Maximize,
        _ => throw new EngineException($"{field}: unknown value '{text}'; accepted: minimize | maximize"),
    };

    /// <summary>Throws when the metric is unknown or the task does not produce it.</summary>
    public void Validate(TaskKind kind, string field = "objective.metric")
    {
        if (!MetricNames.All.Contains(Metric))
        {
            throw new EngineException($"{field}: unknown metric '{Metric}'; accepted: {string.Join(", ", MetricNames.All)}");
        }

        var missing = (kind, Metric) switch
        {
            (TaskKind.Classification, MetricNames.ValPerplexity) => true,
            (TaskKind.LanguageModel, MetricNames.ValAccuracy) => true,
            _ => false,
        };
        if (missing)
        {
            throw new EngineException($"{field}: a {TaskDefinition.KindName(kind)} task has no metric '{Metric}'");
        }
    }

    /// <summary>True when <paramref name="candidate"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public bool IsImprovement(double candidate, double? best, double minDelta = 0)
    {
        if (double.IsNaN(candidate))
        {
            return false;
        }

        if (best is not { } reference)
        {
            return true;
        }

        return Direction == ObjectiveDirection.Minimize
            ? candidate < reference - minDelta
            : candidate > reference + minDelta;
    }
}
