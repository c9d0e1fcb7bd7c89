using HyperSweep.Client.Commands;

namespace HyperSweep.Client.Cli;

/// <summary>
/// Writing a file the user named (-o): a folder that does not exist, a path that is a folder, no permission or a full disk
/// is a <see cref="CliInputException"/> (one line, exit 2) naming the file, never an unhandled exception.
/// </summary>
public static class OutputFile
{
    public static async Task WriteAsync(FileInfo file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        await SaveAsync(file, path => File.WriteAllTextAsync(path, text));
    }

    /// <summary>Runs <paramref name="save"/> on the file's full path, with the checks and messages of <see cref="OutputFile"/>.</summary>
    public static async Task SaveAsync(FileInfo file, Func<string, Task> save)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(save);
        var path = file.FullName;
        if (Directory.Exists(path))
        {
            throw new CliInputException($"cannot write {path}: it is a folder (give a file name)");
        }

        if (Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            throw new CliInputException($"cannot write {path}: the folder {folder} does not exist");
        }

        try
        {
            await save(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CliInputException($"cannot write {path}: {ErrorText.Of(exception)}");
        }
    }
}
