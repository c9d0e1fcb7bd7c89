namespace HyperSweep.Engine.Data;

/// <summary>
/// The data layer's error messages: always say where (file and line, or the whole file), because the
/// reader of the message is usually looking at a data file or a sweep spec.
/// </summary>
internal static class DataErrors
{
    /// <summary>An error located at a 1-based line of a file: "path:line: message".</summary>
    public static EngineException AtLine(string path, int line, string message) => new($"{path}:{line}: {message}");

    /// <summary>An error about a whole file: "path: message".</summary>
    public static EngineException InFile(string path, string message) => new($"{path}: {message}");
}
