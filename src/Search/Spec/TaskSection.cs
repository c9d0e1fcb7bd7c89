namespace HyperSweep.Search.Spec;

/// <summary>
/// The task section: read as plain values and checked by the schema (kinds, sources, options and their values);
/// a refusal is reported at the field it names, or at the nearest enclosing field the spec wrote.
/// </summary>
internal static class TaskSection
{
    public static TaskSpec Parse(SpecNode? node, ISweepSchema schema, SpecNode root)
    {
        var section = node is null
            ? schema.DefaultTask
            : node.ToPlain() as IReadOnlyDictionary<string, object?> ?? throw node.Error("must be a map with 'kind' and 'data'");

        if (schema.CheckTask(section) is { } problem)
        {
            throw root.Locate(problem.Field).Error(problem.Problem, problem.Field);
        }

        var kind = section.TryGetValue("kind", out var value) && value is string text ? text.Trim() : schema.TaskKinds[0];
        return new TaskSpec(kind, section);
    }

    /// <summary>Opens the data files of a valid task (paths relative to <paramref name="baseDirectory"/>) through the schema.</summary>
    public static void CheckData(TaskSpec task, ISweepSchema schema, string baseDirectory, SpecNode root)
    {
        if (schema.CheckData(task.Section, baseDirectory) is { } problem)
        {
            throw root.Locate(problem.Field).Error(problem.Problem, problem.Field);
        }
    }
}
