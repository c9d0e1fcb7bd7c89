namespace HyperSweep.Silo;

/// <summary>
/// Holds an exclusive lock file in the dev-mode state directory for the life of the process: two dev silos on
/// one SQLite file would each wake and run the same sweeps as two separate clusters.
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private StateDirectoryLock(FileStream file, string directory)
    {
        _file = file;
        Directory = directory;
    }

    public string Directory { get; }

    public static StateDirectoryLock Acquire(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "silo.lock");
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            return new StateDirectoryLock(file, directory);
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException(
                $"the state directory {directory} is in use by another HyperSweep process (lock file {path}); stop it or pass another --state-dir",
                exception);
        }
    }

    public void Dispose() => _file.Dispose();
}
