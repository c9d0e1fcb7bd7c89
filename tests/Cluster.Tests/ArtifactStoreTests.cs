using System.Globalization;
using HyperSweep.Contracts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Search;
using StackExchange.Redis;

namespace HyperSweep.Cluster.Tests;

/// <summary>The artifact store on a cluster: checkpoints on the shared filesystem, metadata only in Redis, resume after kill -9.</summary>
public sealed class ArtifactStoreTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int CheckpointKb = 2048;

    [Fact]
    public async Task Checkpoints_live_on_the_shared_filesystem_not_in_redis_and_a_killed_silo_s_trials_resume_from_them()
    {
        using var gate = new EpochGate();
        gate.AllowThrough(2);
        await using var cluster = await LocalCluster.StartAsync(silos: 3, slots: 2, epochMs: 100, gate: gate);
        const int trials = 6;
        const int epochs = 5;
        var baseline = await UsedMemory(cluster);
        var id = await cluster.SubmitAsync(Spec(trials, epochs));
        IReadOnlyList<TrialSummary> rows = [];
        await cluster.Until(
            async () => (rows = await cluster.Sweep(id).GetTrials()).Count(t => t.State == TrialState.Running && t.EpochsRun == 2) == trials,
            TimeSpan.FromSeconds(60),
            () => "the trials did not all reach the gate after epoch 2: " + string.Join("; ", rows));

        // Mid-sweep: every running trial's checkpoint (2 MiB) is a file in the store; Redis holds rows and references.
        var files = Files(cluster);
        Assert.True(files.Count(f => f.Path.EndsWith(".ckpt", StringComparison.Ordinal)) >= trials, string.Join("\n", files));
        var onDisk = files.Sum(f => f.Length);
        Assert.True(onDisk >= trials * CheckpointKb * 1024L, $"{onDisk} bytes of checkpoints on disk");
        var midSweep = await UsedMemory(cluster);
        output.WriteLine($"Redis used_memory: {baseline} bytes before the sweep, {midSweep} with {files.Count} checkpoint files ({onDisk} bytes) on disk");
        Assert.True(midSweep - baseline < 1 << 20, $"Redis grew by {midSweep - baseline} bytes while {onDisk} bytes of checkpoints were written");
        Assert.True(midSweep < 5 << 20, $"Redis uses {midSweep} bytes");

        var victim = cluster.Silos[1];
        var reportedAtKill = rows.Where(t => victim.Is(t.Silo)).ToDictionary(t => t.Number, t => t.EpochsRun);
        Assert.NotEmpty(reportedAtKill);
        await victim.Process.KillAsync();
        gate.Open();
        await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));

        var details = await SweepChecks.EveryTrialCompletedOnce(cluster, id, trials, epochs);
        foreach (var (number, reported) in reportedAtKill)
        {
            var last = details[number].Attempts[^1];
            Assert.False(victim.Is(last.Silo), $"trial {number} finished on the killed silo");
            Assert.True(last.ResumedFromEpoch >= reported - 1 && last.ResumedFromEpoch >= 1,
                $"trial {number}: {reported} epochs reported at the kill, resumed from epoch {last.ResumedFromEpoch} (its checkpoint is on the shared store)");
        }

        // After the sweep: only the kept model's weights (keep: best 1 by default) remain; Redis is as small as before.
        var left = Files(cluster);
        if (left.Count != 1)
        {
            // For the failure's reader: what each trial's grain references, and the silos' logs.
            var states = await Task.WhenAll(Enumerable.Range(0, trials).Select(async n => $"trial {n}: {await cluster.Client.GetGrain<ITrialGrain>(TrialKey.Format(id, n)).GetArtifacts()}"));
            output.WriteLine(string.Join("\n", states) + "\n" + cluster.Logs());
        }

        var kept = Assert.Single(left);
        Assert.Equal((await cluster.Sweep(id).GetLeaderboard(1))[0].Number, kept.Owner!.Value.Trial);
        var end = await UsedMemory(cluster);
        output.WriteLine($"Redis used_memory after the sweep: {end} bytes; left on disk: {kept.Path} ({kept.Length} bytes)");
        Assert.True(end < 5 << 20, $"Redis uses {end} bytes after the sweep");
    }

    [Fact]
    public async Task A_node_that_mounts_another_directory_at_the_artifact_path_is_refused()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 1);
        using var elsewhere = new TempFolder("hypersweep-other-mount-");

        using var node = SiloNode.Start(cluster.Redis.Endpoint, cluster.ClusterId, slots: 1, epochMs: 0, cluster.StateDir, elsewhere.Path);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.Process.WaitForExitAsync(deadline.Token);

        Assert.Equal(2, node.Process.ExitCode);
        Assert.Contains($"{elsewhere.Path} on this node is not the cluster's artifact store", node.Process.Output, StringComparison.Ordinal);
        Assert.Contains(ArtifactRootCheck.ReadMarker(cluster.Artifacts.Path)!, node.Process.Output, StringComparison.Ordinal);
        Assert.Null(ArtifactRootCheck.ReadMarker(elsewhere.Path)); // the refused node leaves no marker behind
    }

    private static string Spec(int trials, int epochs) => $$$"""
        name: artifacts-on-cluster
        task: {kind: classification, data: {source: agreement}}
        model: {synthetic_checkpoint_kb: {{{CheckpointKb}}}}
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, trials: {{{trials}}}, seed: 3}
        parameters:
          lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
        pruner: {name: none}
        budget: {max_epochs: {{{epochs}}}}
        concurrency: {{{trials}}}
        """;

    private static IReadOnlyList<StoredFile> Files(LocalCluster cluster) => [.. new FileArtifactStore(cluster.Artifacts.Path).Files()];

    /// <summary>Redis's own account of its memory (INFO memory: used_memory, in bytes).</summary>
    private static async Task<long> UsedMemory(LocalCluster cluster)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{cluster.Redis.Endpoint},allowAdmin=true");
        var info = await redis.GetServer(redis.GetEndPoints()[0]).InfoAsync("memory");
        return long.Parse(info.SelectMany(g => g).Single(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
    }
}
