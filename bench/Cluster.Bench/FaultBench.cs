using System.Diagnostics;
using HyperSweep.Contracts;
using HyperSweep.Search;

namespace HyperSweep.Cluster.Bench;

/// <summary>
/// One silo of a running sweep fails — kill -9 (<c>kill</c>) or hangs, SIGSTOP (<c>stop</c>) — and the benchmark measures
/// when the membership declares it dead, when its trials run again on other silos, and how long the sweep's status takes
/// to be answered meanwhile, as the CLI asks it (each call bounded, retried until answered: a client must not stall
/// behind a hung silo). A stopped silo is continued (SIGCONT) once its trials run
/// elsewhere: it must not report its stale attempts' epochs again. Then the sweep must complete with every trial once and
/// every epoch counted once. Figures are sampled every 100 ms.
/// </summary>
internal static class FaultBench
{
    private const int Trials = 4;
    private const int Epochs = 12;

    public static async Task<int> RunAsync(string mode, BenchCluster cluster, SiloProcesses silos)
    {
        var id = await cluster.SubmitAsync(Spec());
        var rows = await WaitForAsync(() => BenchCluster.Bounded(() => cluster.Sweep(id).GetTrials(), TimeSpan.FromSeconds(2)),
            r => r.Any(t => t.State == TrialState.Running && t.EpochsRun >= 2), TimeSpan.FromSeconds(120));
        var victimSilo = rows.First(t => t.State == TrialState.Running && t.EpochsRun >= 2).Silo!;
        var port = BenchCluster.Port(victimSilo);
        var moved = rows.Where(t => t.State == TrialState.Running && t.Silo == victimSilo).Select(t => t.Number).ToHashSet();
        var pid = silos.PidOf(port);

        var clock = Stopwatch.StartNew();
        SiloProcesses.Signal(pid, mode == "stop" ? SiloProcesses.Stop : SiloProcesses.Kill);
        double? dead = null, again = null;
        var slowestStatus = TimeSpan.Zero;
        var slowStatuses = 0;
        using var statusLoop = new CancellationTokenSource();
        var statusCalls = Task.Run(async () =>
        {
            while (!statusLoop.IsCancellationRequested)
            {
                // As the CLI does: each call bounded by the client's response timeout, retried until one is answered.
                var call = Stopwatch.StartNew();
                while (call.Elapsed < TimeSpan.FromSeconds(60))
                {
                    try
                    {
                        await cluster.Sweep(id).GetStatus();
                        break;
                    }
                    catch (Exception exception) when (exception is OrleansException or TimeoutException)
                    {
                        // the membership has not replaced the hung silo yet: ask again
                    }
                }

                slowestStatus = call.Elapsed > slowestStatus ? call.Elapsed : slowestStatus;
                slowStatuses += call.Elapsed > TimeSpan.FromSeconds(5) ? 1 : 0;
                await Task.Delay(200);
            }
        });

        while ((dead is null || again is null) && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (dead is null && await cluster.DeclaredDeadAsync(port))
            {
                dead = clock.Elapsed.TotalSeconds;
            }

            if (again is null && await BenchCluster.Bounded(() => cluster.Sweep(id).GetTrials(), TimeSpan.FromSeconds(1)) is { } now
                && now.Where(t => moved.Contains(t.Number)).All(t => t.State == TrialState.Completed || (t.State == TrialState.Running && t.Silo != victimSilo)))
            {
                again = clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(100);
        }

        if (mode == "stop")
        {
            SiloProcesses.Signal(pid, SiloProcesses.Continue); // the stale silo wakes up: its old attempts must be refused
        }

        await statusLoop.CancelAsync();
        await statusCalls;
        await WaitForAsync(() => BenchCluster.Bounded(async () => (await cluster.Sweep(id).GetStatus())!, TimeSpan.FromSeconds(5)), s => s.IsFinal, TimeSpan.FromSeconds(300));
        var problem = await cluster.CheckEveryTrialOnceAsync(id, Trials, Epochs);
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"bench: {(mode == "stop" ? "SIGSTOP" : "kill -9")} of the silo on port {port} running trials [{string.Join(",", moved.Order())}]: declared dead after {Show(dead)} s, its trials running again elsewhere after {Show(again)} s; status calls meanwhile: slowest {slowestStatus.TotalSeconds:0.0} s, {slowStatuses} over 5 s; {problem ?? "every trial completed once, every epoch counted once"}"));
        return problem is null && again is not null ? 0 : 1;
    }

    private static string Show(double? seconds) => seconds is { } s ? s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "(not within 120)";

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> poll, Func<T, bool> done, TimeSpan deadline) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (await poll() is { } value && done(value))
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"bench: the cluster did not get there within {deadline.TotalSeconds:0} s");
    }

    /// <summary>4 trials on 3 silos x 2 slots: the survivors have free slots, so the figure is failover time, not a wait for a slot.</summary>
    private static string Spec() => $"""
        name: fault-bench
        task:
          kind: classification
          data: {"{"}source: agreement{"}"}
        objective: {"{"}metric: val_loss, direction: minimize{"}"}
        strategy: {"{"}method: random, trials: {Trials}, seed: 1{"}"}
        parameters:
          lr: {"{"}min: 0.0001, max: 0.1, distribution: log_uniform{"}"}
        pruner: {"{"}name: none{"}"}
        budget: {"{"}max_epochs: {Epochs}{"}"}
        concurrency: {Trials}
        """;
}
