namespace HyperSweep.Engine.Data;

/// <summary>Reading data files with the file-level errors every reader needs.</summary>
internal static class DataFile
{
    /// <summary>All lines of a UTF-8 file; a missing file fails with its full path.</summary>
    public static string[] ReadAllLines(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new EngineException($"{path}: file not found (full path {Path.GetFullPath(path)})");
        }

        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException e)
        {
            throw new EngineException($"{path}: cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new EngineException($"{path}: cannot be read: {e.Message}", e);
        }
    }
}
