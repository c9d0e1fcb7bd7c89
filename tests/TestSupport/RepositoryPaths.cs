namespace HyperSweep.TestSupport;

/// <summary>
/// Where the tests find the repository (the folder holding HyperSweep.sln above the test assembly) and the fixtures
/// it ships under tests/Fixtures. The oracle cases, pruning traces and TPE traces can be pointed elsewhere with
/// HYPERSWEEP_ORACLE_DIR, HYPERSWEEP_PRUNING_DIR and HYPERSWEEP_TPE_DIR (e.g. to check newly recorded ones before
/// copying them in); a relative value is relative to the repository root.
/// </summary>
public static class RepositoryPaths
{
    public const string SolutionFile = "HyperSweep.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>tests/Fixtures: facts copied into the repository (see its README.md).</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "Fixtures");

    /// <summary>The PyTorch oracle cases: HYPERSWEEP_ORACLE_DIR, or tests/Fixtures/oracle.</summary>
    public static string OracleCases => Override("HYPERSWEEP_ORACLE_DIR") ?? Path.Combine(Fixtures, "oracle");

    /// <summary>Optuna 3.1's pruning traces: HYPERSWEEP_PRUNING_DIR, or tests/Fixtures/pruning.</summary>
    public static string PruningTraces => Override("HYPERSWEEP_PRUNING_DIR") ?? Path.Combine(Fixtures, "pruning");

    /// <summary>Optuna 3.1's TPE traces: HYPERSWEEP_TPE_DIR, or tests/Fixtures/tpe/traces.</summary>
    public static string TpeTraces => Override("HYPERSWEEP_TPE_DIR") ?? Path.Combine(Fixtures, "tpe", "traces");

    /// <summary>Extra TPE traces recorded with the same recorder for settings the shared set leaves out (see their README).</summary>
    public static string LocalTpeTraces => Path.Combine(Fixtures, "tpe", "local-traces");

    /// <summary>A path under the repository root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string? Override(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? Path.GetFullPath(value, Root) : null;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }
}
