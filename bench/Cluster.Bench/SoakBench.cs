namespace HyperSweep.Cluster.Bench;

/// <summary>Placeholder until the soak is written.</summary>
internal static class SoakBench
{
    public static Task<int> RunAsync(BenchCluster cluster, SiloProcesses silos, int trials, TimeSpan every, string logs, int redisPid) => Task.FromResult(2);
}
