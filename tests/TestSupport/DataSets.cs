namespace HyperSweep.TestSupport;

/// <summary>
/// The large data sets some tests read (too big to ship in the repository): folders under HYPERSWEEP_DATA_DIR,
/// by default ../shared/data beside the repository root. A test that needs one is a <see cref="DataFactAttribute"/>
/// or <see cref="DataTheoryAttribute"/>: skipped with the reason where the data set is absent, unless
/// HYPERSWEEP_REQUIRE_DATA=1 (CI), where it runs and fails naming what is missing.
/// </summary>
public static class DataSets
{
    public const string Sst2 = "sst2";
    public const string Sst5 = "sst5-ling574";
    public const string Ptb = "ptb";
    public const string Linzen = "linzen-agreement";

    public const string DirectoryVariable = "HYPERSWEEP_DATA_DIR";
    public const string RequireVariable = "HYPERSWEEP_REQUIRE_DATA";

    /// <summary>The folder holding the data sets (it need not exist).</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } fromEnvironment
            ? Path.GetFullPath(fromEnvironment)
            : Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"));

    /// <summary>Whether a missing data set must fail the tests that need it rather than skip them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why a test needing <paramref name="dataSet"/> cannot run here, or null when it is present.</summary>
    public static string? Missing(string dataSet) =>
        Directory.Exists(Path.Combine(Root, dataSet))
            ? null
            : $"data set {dataSet} not found in {Root} (set {DirectoryVariable} to the folder holding {dataSet}/)";

    /// <summary>The reason to skip a test needing <paramref name="dataSet"/>: null when it is present or <see cref="Required"/>.</summary>
    public static string? SkipReason(string dataSet) => Required ? null : Missing(dataSet);

    /// <summary>A skipped test's display name: its class (file) and method, then the reason.</summary>
    public static string SkippedName(string sourceFile, string test, string reason) =>
        $"{Path.GetFileNameWithoutExtension(sourceFile)}.{test} [skipped: {reason}]";

    /// <summary>A file or folder of data set <paramref name="dataSet"/>; fails with the reason when the data set is absent.</summary>
    public static string Of(string dataSet, params string[] parts)
    {
        if (Missing(dataSet) is { } reason)
        {
            throw new DirectoryNotFoundException(Required ? $"{reason}; {RequireVariable}=1 requires every data set" : reason);
        }

        return Path.Combine([Root, dataSet, .. parts]);
    }
}
