namespace HyperSweep.Search.Spec;

/// <summary>
/// A sweep spec that cannot be used: names the field (dotted path, e.g. "parameters.lr.min"), the source,
/// and the 1-based line and column, so every message reads "quickstart.yaml:14:7: parameters.lr.min: …".
/// </summary>
public sealed class SpecException : Exception
{
    public SpecException(string source, string field, long line, long column, string problem, Exception? inner = null)
        : base($"{source}:{line}:{column}: {field}: {problem}", inner)
    {
        Source = source;
        Field = field;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file name or "&lt;spec&gt;" the text came from.</summary>
    public new string Source { get; }

    public string Field { get; }

    public long Line { get; }

    public long Column { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Problem { get; }
}
