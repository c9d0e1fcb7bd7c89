namespace HyperSweep.Search.Tests;

/// <summary>Locates the repository root (the folder holding HyperSweep.slnx or HyperSweep.sln) and shared material.</summary>
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

    /// <summary>HYPERSWEEP_TPE_DIR (relative to the repository root), or the TPE traces copied into the repository (tests/Fixtures/tpe/traces).</summary>
    public static string TpeTraces
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("HYPERSWEEP_TPE_DIR");
            return string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.Combine(Root, "tests", "Fixtures", "tpe", "traces")
                : Path.GetFullPath(fromEnvironment, Root);
        }
    }

    /// <summary>Extra traces recorded with the same recorder for settings the shared set leaves out (see their README).</summary>
    public static string LocalTpeTraces => Path.Combine(Root, "tests", "Fixtures", "tpe", "local-traces");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HyperSweep.slnx")) || File.Exists(Path.Combine(directory.FullName, "HyperSweep.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no HyperSweep.slnx or HyperSweep.sln above {AppContext.BaseDirectory}");
    }
}
