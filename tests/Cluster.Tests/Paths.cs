namespace HyperSweep.Cluster.Tests;

/// <summary>The repository root (the folder holding HyperSweep.slnx) and the silo binary built with this test assembly.</summary>
internal static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>src/Silo/bin/&lt;same configuration as the tests&gt;/net10.0/hypersweep-silo (built through the Client reference).</summary>
    public static string SiloBinary
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0/
            var path = Path.Combine(RepositoryRoot, "src", "Silo", "bin", configuration, "net10.0", "hypersweep-silo");
            return File.Exists(path) ? path : throw new FileNotFoundException($"silo binary not built: {path}");
        }
    }

    public static string RedisServer { get; } =
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException("redis-server is not installed (apt-get install redis-server)");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HyperSweep.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("HyperSweep.slnx not found above " + AppContext.BaseDirectory);
    }
}
