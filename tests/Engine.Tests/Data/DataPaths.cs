namespace HyperSweep.Engine.Tests.Data;

/// <summary>Locates the repository root (the folder holding HyperSweep.slnx) and the shared data beside it.</summary>
internal static class DataPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;

    /// <summary>../shared/data relative to the repository root.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string Shared(params string[] parts) => Path.Combine([SharedData, .. parts]);

    public static string BadInput(string file) =>
        Path.Combine(RepositoryRoot, "tests", "Engine.Tests", "Data", "BadInput", file);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HyperSweep.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no HyperSweep.slnx above {AppContext.BaseDirectory}");
    }
}
