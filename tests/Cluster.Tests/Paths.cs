namespace HyperSweep.Cluster.Tests;

/// <summary>The silo binary built with this test assembly and the redis-server the tests start.</summary>
internal static class Paths
{
    /// <summary>src/Silo/bin/&lt;same configuration as the tests&gt;/net10.0/hypersweep-silo (built through the Client reference).</summary>
    public static string SiloBinary
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0/
            var path = RepositoryPaths.Of("src", "Silo", "bin", configuration, "net10.0", "hypersweep-silo");
            return File.Exists(path) ? path : throw new FileNotFoundException($"silo binary not built: {path}");
        }
    }

    public static string RedisServer { get; } =
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException("redis-server is not installed (apt-get install redis-server)");
}
