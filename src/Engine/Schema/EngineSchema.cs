using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Search;
using HyperSweep.Search.Spec;

namespace HyperSweep.Engine.Schema;

/// <summary>
/// The Engine's vocabulary in the terms Search's spec parser checks sweeps against: the hyper-parameters of
/// <see cref="HyperParameterSchema"/>, the task sections of <see cref="TaskSchema"/>, the metrics of
/// <see cref="MetricSchema"/>, and the data files through the Engine's own readers. Stateless.
/// </summary>
public sealed class EngineSchema : ISweepSchema
{
    public static EngineSchema Instance { get; } = new();

    private EngineSchema()
    {
    }

    public IReadOnlyList<string> HyperParameters => Training.HyperParameters.Names;

    public IReadOnlyList<string> TaskKinds { get; } = TaskSchema.Kinds.Names;

    public IReadOnlyDictionary<string, object?> DefaultTask { get; } = TaskDefinition.DefaultAgreement.ToDictionary();

    public SchemaValueKind KindOf(string parameter) => Definition(parameter).Rule.Kind switch
    {
        ValueKind.Integer => SchemaValueKind.Integer,
        ValueKind.Real => SchemaValueKind.Real,
        ValueKind.Boolean => SchemaValueKind.Boolean,
        _ => SchemaValueKind.Text,
    };

    public bool CanChangeMidTraining(string parameter) => Definition(parameter).CanChangeMidTraining;

    public string? CheckValue(string taskKind, string parameter, object value)
    {
        var definition = Definition(parameter);
        if (definition.Rule.Problem(value) is { } problem)
        {
            return problem;
        }

        if (definition == HyperParameterSchema.Arch && TaskSchema.Kinds.Names.Contains(taskKind))
        {
            var kind = TaskSchema.Kinds.ValueOf(taskKind);
            var fitting = HyperParameterSchema.ArchitecturesFor(kind).Select(HyperParameterSchema.Architectures.NameOf).ToList();
            var arch = ((string)value).Trim();
            if (!fitting.Contains(arch))
            {
                return $"{arch} cannot serve a {taskKind} task (accepted for {taskKind}: {string.Join(", ", fitting)})";
            }
        }

        return null;
    }

    public SchemaProblem? CheckTask(IReadOnlyDictionary<string, object?> task)
    {
        try
        {
            _ = TaskDefinition.Parse(task);
            return null;
        }
        catch (SchemaException exception)
        {
            return new SchemaProblem(exception.Field, exception.Problem);
        }
    }

    public SchemaProblem? CheckData(IReadOnlyDictionary<string, object?> task, string baseDirectory)
    {
        try
        {
            TaskData.Check(TaskDefinition.Parse(task), baseDirectory);
            return null;
        }
        catch (SchemaException exception)
        {
            return new SchemaProblem(exception.Field, exception.Problem);
        }
    }

    public IReadOnlyList<string> MetricsFor(string taskKind)
    {
        var kind = TaskSchema.Kinds.ValueOf(taskKind);
        var first = MetricSchema.DefaultFor(kind);
        return [first.Name, .. MetricSchema.For(kind).Where(m => m != first).Select(m => m.Name)];
    }

    public StudyDirection NaturalDirection(string metric) =>
        (MetricSchema.Find(metric) ?? throw new ArgumentException($"unknown metric '{metric}'", nameof(metric))).Direction;

    private static FieldDefinition Definition(string parameter) =>
        HyperParameterSchema.Find(parameter) ?? throw new ArgumentException($"unknown hyper-parameter '{parameter}'", nameof(parameter));
}
