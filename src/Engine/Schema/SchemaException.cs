namespace HyperSweep.Engine.Schema;

/// <summary>A value the schema refuses, with the dotted field it was given for ("parameters.batch_size").</summary>
public sealed class SchemaException(string field, string problem)
    : EngineException($"{field}: {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
