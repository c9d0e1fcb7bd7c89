namespace HyperSweep.Dashboard.Tests;

/// <summary>The checkout's root (the folder holding HyperSweep.slnx), found upwards from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HyperSweep.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HyperSweep.slnx not found above " + AppContext.BaseDirectory);
    }
}
