namespace HyperSweep.Search.Tests;

/// <summary>Locates the repository root (the folder holding HyperSweep.slnx) and shared material.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>HYPERSWEEP_PRUNING_DIR, or ../shared/pruning/traces relative to the repository root.</summary>
    public static string PruningTraces
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("HYPERSWEEP_PRUNING_DIR");
            return string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.GetFullPath(Path.Combine(Root, "..", "shared", "pruning", "traces"))
                : Path.GetFullPath(fromEnvironment);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HyperSweep.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no HyperSweep.slnx above {AppContext.BaseDirectory}");
    }
}
