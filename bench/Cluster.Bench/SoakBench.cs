using System.Diagnostics;
using System.Globalization;
using HyperSweep.Contracts;
using HyperSweep.Search;
using StackExchange.Redis;

namespace HyperSweep.Cluster.Bench;

/// <summary>
/// The soak: a long synthetic sweep with real checkpoints (64 KiB, five batches an epoch) on three silos, the third one
/// killed (kill -9) and started again every few seconds while the first two run throughout. At the end: how many trials
/// were lost (not completed) or counted twice (an epoch recorded twice by the coordinator or in a trial's own history),
/// and the first two silos' resident memory and Redis's memory over time (flat, or growing with what is stored).
/// </summary>
internal static class SoakBench
{
    private const int Epochs = 5;

    public static async Task<int> RunAsync(BenchCluster cluster, SiloProcesses silos, int trials, TimeSpan every, string logs, int redisPid)
    {
        var steady = silos.Pids.Take(2).ToList();
        var victim = silos.Pids[2];
        var id = await cluster.SubmitAsync(Spec(trials));
        var clock = Stopwatch.StartNew();
        var samples = new List<string>();
        var kills = 0;
        SweepStatus? status = null;
        var nextKill = every;
        while ((status = await BenchCluster.Bounded(async () => (await cluster.Sweep(id).GetStatus())!, TimeSpan.FromSeconds(10))) is not { IsFinal: true })
        {
            if (clock.Elapsed >= nextKill)
            {
                victim = silos.KillAndRestart(victim, Path.Combine(logs, $"restarted-silo.log"));
                kills++;
                nextKill += every;
                samples.Add(Sample(clock.Elapsed, steady, redisPid, status));
                Console.Error.WriteLine($"soak: {samples[^1]}");
            }

            if (clock.Elapsed > TimeSpan.FromHours(2))
            {
                Console.WriteLine("soak: gave up after 2 hours: " + status);
                return 1;
            }

            await Task.Delay(500);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        samples.Add(Sample(clock.Elapsed, steady, redisPid, status));
        var (lost, doubled, failed) = await Audit(cluster, id, trials);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {trials} trials x {Epochs} epochs (64-KiB checkpoints), 3 silos x 4 slots, the third killed and restarted every {every.TotalSeconds:0} s: {kills} kills in {seconds:0} s; {status!.State}, {lost} lost, {doubled} counted twice, {failed} failed"));
        Console.WriteLine("soak: memory over time (steady silos' RSS, Redis used_memory): " + string.Join("; ", samples));
        return lost == 0 && doubled == 0 ? 0 : 1;
    }

    /// <summary>Every trial's state, its coordinator curve and its own history: (not completed, an epoch counted twice or missing, failed).</summary>
    private static async Task<(int Lost, int Doubled, int Failed)> Audit(BenchCluster cluster, string id, int trials)
    {
        var sweep = cluster.Sweep(id);
        var rows = await sweep.GetTrials();
        var lost = trials - rows.Count(r => r.State == TrialState.Completed);
        var failed = rows.Count(r => r.State == TrialState.Failed);
        var doubled = 0;
        var expected = Enumerable.Range(1, Epochs).ToArray();
        foreach (var chunk in Enumerable.Range(0, trials).Chunk(50))
        {
            var checks = await Task.WhenAll(chunk.Select(async n =>
            {
                var detail = await sweep.GetTrial(n);
                var history = await cluster.Client.GetGrain<ITrialGrain>(TrialKey.Format(id, n)).GetHistory();
                return detail is not null && detail.Epochs.Select(e => e.Epoch).SequenceEqual(expected) && history.Select(e => e.Epoch).SequenceEqual(expected);
            }));
            doubled += checks.Count(ok => !ok);
        }

        return (lost, doubled, failed);
    }

    private static string Sample(TimeSpan at, IEnumerable<int> steady, int redisPid, SweepStatus? status)
    {
        var rss = string.Join("/", steady.Select(p => SiloProcesses.ResidentMb(p) is { } mb ? mb.ToString("0", CultureInfo.InvariantCulture) : "-"));
        var redis = SiloProcesses.ResidentMb(redisPid) is { } r ? r.ToString("0", CultureInfo.InvariantCulture) : "-";
        return string.Create(CultureInfo.InvariantCulture, $"t={at.TotalSeconds:0}s done={status?.Completed ?? 0} silos {rss} MB redis {redis} MB");
    }

    private static string Spec(int trials) => $$"""
        name: soak
        task:
          kind: classification
          data: {source: agreement}
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, trials: {{trials}}, seed: 1}
        parameters:
          lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
        model: {synthetic_epoch_ms: 100, synthetic_batches: 5, synthetic_checkpoint_kb: 64}
        pruner: {name: none}
        budget: {max_epochs: {{Epochs}}}
        concurrency: 12
        """;
}
