using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Search;

namespace HyperSweep.Engine.Schema;

/// <summary>The metrics every epoch reports (names in <see cref="MetricNames"/>), their natural directions and task kinds.</summary>
public static class MetricSchema
{
    private static readonly TaskKind[] Both = [TaskKind.Classification, TaskKind.LanguageModel];

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        new(MetricNames.TrainLoss, StudyDirection.Minimize, Both, "mean training loss of the epoch"),
        new(MetricNames.ValLoss, StudyDirection.Minimize, Both, "mean loss on the dev split"),
        new(MetricNames.ValAccuracy, StudyDirection.Maximize, [TaskKind.Classification], "accuracy on the dev split"),
        new(MetricNames.ValPerplexity, StudyDirection.Minimize, [TaskKind.LanguageModel], "perplexity on the dev split (exp of the mean token loss)"),
    ];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The metrics a task kind reports.</summary>
    public static IReadOnlyList<MetricDefinition> For(TaskKind kind) => [.. All.Where(m => m.Kinds.Contains(kind))];

    /// <summary>What a task is judged by when nothing says otherwise: dev accuracy or dev perplexity.</summary>
    public static MetricDefinition DefaultFor(TaskKind kind) =>
        Find(kind == TaskKind.Classification ? MetricNames.ValAccuracy : MetricNames.ValPerplexity)!;

    /// <summary>The default objective of a task kind: its default metric in its natural direction.</summary>
    public static Objective DefaultObjective(TaskKind kind)
    {
        var metric = DefaultFor(kind);
        return new Objective(metric.Name, metric.Direction);
    }

    /// <summary>Throws <see cref="SchemaException"/> when the metric is unknown or the task kind does not report it.</summary>
    public static void Check(Objective objective, TaskKind kind, string field = "objective.metric")
    {
        if (Find(objective.Metric) is not { } definition)
        {
            throw new SchemaException(field, $"unknown metric '{objective.Metric}'; accepted: {string.Join(", ", MetricNames.All)}");
        }

        if (!definition.Kinds.Contains(kind))
        {
            throw new SchemaException(field, $"a {TaskDefinition.KindName(kind)} task has no metric '{objective.Metric}'; it reports {string.Join(", ", For(kind).Select(m => m.Name))}");
        }
    }
}
