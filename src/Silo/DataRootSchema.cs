using HyperSweep.Engine.Schema;
using HyperSweep.Search;
using HyperSweep.Search.Spec;

namespace HyperSweep.Silo;

/// <summary>
/// Confines the files a spec names to the cluster's data root (<c>HyperSweep:DataRoot</c>): every data file of the task
/// and every <c>pretrained</c> vectors path is resolved the way the Engine will resolve it (relative to the spec's
/// folder), symlinks included, and one that lands outside the root is refused at validation — before any file is
/// opened, anything is written or a trial trains. Everything else is the inner schema's.
/// </summary>
public sealed class DataRootSchema(ISweepSchema inner, string root, string baseDirectory) : ISweepSchema
{
    public IReadOnlyList<string> HyperParameters => inner.HyperParameters;

    public IReadOnlyList<string> TaskKinds => inner.TaskKinds;

    public IReadOnlyDictionary<string, object?> DefaultTask => inner.DefaultTask;

    public SchemaValueKind KindOf(string parameter) => inner.KindOf(parameter);

    public bool CanChangeMidTraining(string parameter) => inner.CanChangeMidTraining(parameter);

    public string? CheckValue(string taskKind, string parameter, object value) =>
        inner.CheckValue(taskKind, parameter, value)
        ?? (parameter == HyperParameterSchema.Pretrained.Name && value is string path ? Outside(path) : null);

    public SchemaProblem? CheckTask(IReadOnlyDictionary<string, object?> task) => inner.CheckTask(task);

    public SchemaProblem? CheckData(IReadOnlyDictionary<string, object?> task, string directory)
    {
        if (task.TryGetValue("data", out var section) && section is IReadOnlyDictionary<string, object?> data)
        {
            foreach (var field in TaskSchema.FileFields)
            {
                if (data.TryGetValue(field.Name, out var value) && value is string path && Outside(path) is { } problem)
                {
                    return new SchemaProblem(field.Field, problem);
                }
            }
        }

        return inner.CheckData(task, directory);
    }

    public IReadOnlyList<string> MetricsFor(string taskKind) => inner.MetricsFor(taskKind);

    public StudyDirection NaturalDirection(string metric) => inner.NaturalDirection(metric);

    private string? Outside(string path)
    {
        var resolved = RealPath.Of(Path.GetFullPath(path, baseDirectory));
        var confined = RealPath.Of(Path.GetFullPath(root));
        return RealPath.IsUnder(resolved, confined)
            ? null
            : $"'{path}' resolves to {resolved}, outside this cluster's data root {confined}; put the file under the data root";
    }
}
