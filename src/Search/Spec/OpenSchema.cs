namespace HyperSweep.Search.Spec;

/// <summary>
/// The schema of a space on its own (<see cref="SweepSpecParser.ParseSpace"/>): any parameter names and values, for
/// benchmark functions and ask/tell drivers whose parameters are not model hyper-parameters. Only the spec syntax and
/// the domains' own rules apply. It has no tasks, metrics or data.
/// </summary>
internal sealed class OpenSchema : ISweepSchema
{
    public static OpenSchema Instance { get; } = new();

    public IReadOnlyList<string> HyperParameters => []; // no list: every name is accepted

    public IReadOnlyList<string> TaskKinds => [];

    public IReadOnlyDictionary<string, object?> DefaultTask => new Dictionary<string, object?>();

    public SchemaValueKind KindOf(string parameter) => SchemaValueKind.Any;

    public string? CheckValue(string taskKind, string parameter, object value) => null;

    public SchemaProblem? CheckTask(IReadOnlyDictionary<string, object?> task) => null;

    public SchemaProblem? CheckData(IReadOnlyDictionary<string, object?> task, string baseDirectory) => null;

    public IReadOnlyList<string> MetricsFor(string taskKind) => [];

    public StudyDirection NaturalDirection(string metric) => StudyDirection.Minimize;
}
