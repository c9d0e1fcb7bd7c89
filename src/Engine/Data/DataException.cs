namespace HyperSweep.Engine.Data;

/// <summary>
/// Bad input to the engine's data layer: a missing file, a malformed line, an unknown label, an empty
/// data set or an invalid task field. The message always names where the problem is (file and line,
/// or the field), because the person reading it is usually looking at a sweep spec or a data file.
/// </summary>
public sealed class DataException : Exception
{
    public DataException(string message)
        : base(message)
    {
    }

    public DataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error located at a 1-based line of a file: "path:line: message".</summary>
    public static DataException AtLine(string path, int line, string message) =>
        new($"{path}:{line}: {message}");

    /// <summary>An error about a whole file: "path: message".</summary>
    public static DataException InFile(string path, string message) => new($"{path}: {message}");
}
