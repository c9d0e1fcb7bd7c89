namespace HyperSweep.Engine.Tests.Data;

/// <summary>The malformed data files of the bad-input tests (tests/Engine.Tests/Data/BadInput, in the repository).</summary>
internal static class DataPaths
{
    public static string BadInput(string file) => RepositoryPaths.Of("tests", "Engine.Tests", "Data", "BadInput", file);
}
