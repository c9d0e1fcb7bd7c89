namespace HyperSweep.Search.Spec;

/// <summary>
/// The schema's verdict on the values one searched parameter can take — every listed value, both ends of a range —
/// reported at the node that wrote the value.
/// </summary>
internal sealed class ValueCheck(ISweepSchema schema, string taskKind, string parameter)
{
    public string Parameter => parameter;

    public SchemaValueKind Kind => schema.KindOf(parameter);

    /// <summary>The value itself when the schema accepts it; otherwise a located error.</summary>
    public object Accepted(SpecNode node, object value) =>
        schema.CheckValue(taskKind, parameter, value) is { } problem ? throw node.Error(problem) : value;
}
