using HyperSweep.Cluster.Bench;

// Fault and soak benchmarks on a cluster that deploy/local-cluster.sh started (it sets HYPERSWEEP_CLUSTER and
// HYPERSWEEP_LOCAL_PIDS: Redis first, then the silos). Run through bench/cluster-bench.sh; figures in bench/README-cluster.md.
//   HyperSweep.Cluster.Bench fault kill|stop
//   HyperSweep.Cluster.Bench soak TRIALS KILL_EVERY_SECONDS LOG_DIR
var cluster = Environment.GetEnvironmentVariable("HYPERSWEEP_CLUSTER") ?? throw new InvalidOperationException("HYPERSWEEP_CLUSTER is not set (run through bench/cluster-bench.sh)");
var pids = (Environment.GetEnvironmentVariable("HYPERSWEEP_LOCAL_PIDS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
var silos = new SiloProcesses(pids.Skip(1)); // the first is Redis
await using var bench = await BenchCluster.ConnectAsync(cluster);
try
{
    return args switch
    {
        ["fault", var mode and ("kill" or "stop")] => await FaultBench.RunAsync(mode, bench, silos),
        ["soak", var trials, var every, var logs] => await SoakBench.RunAsync(bench, silos, int.Parse(trials), TimeSpan.FromSeconds(int.Parse(every)), logs, pids[0]),
        _ => Usage(),
    };
}
finally
{
    silos.StopRestarted();
}

static int Usage()
{
    Console.Error.WriteLine("usage: HyperSweep.Cluster.Bench fault kill|stop | soak TRIALS KILL_EVERY_SECONDS LOG_DIR");
    return 2;
}
