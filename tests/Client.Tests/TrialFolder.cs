namespace HyperSweep.Client.Tests;

/// <summary>A temporary folder for trial files written by a test; deleted on dispose.</summary>
internal sealed class TrialFolder : IDisposable
{
    public TrialFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hypersweep-train-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string yaml)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, yaml);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>The repository root: the folder holding HyperSweep.slnx above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "HyperSweep.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HyperSweep.slnx not found above " + AppContext.BaseDirectory);
    }
}
