using HyperSweep.Client;

namespace HyperSweep.Cluster.Tests;

/// <summary>
/// Redis loses the cluster's data (restarted without its append-only file): every silo says so in one line and exits 3,
/// the CLI says the same instead of "no gateway answered", a silo started later refuses to join the empty store unless
/// told to start a new generation — and a Redis emptied while every silo was stopped is caught too, by the generation a
/// node remembers in its state directory.
/// </summary>
public sealed class StoreLossTests
{
    [Fact]
    public async Task Redis_restarted_empty_stops_every_silo_with_one_line_and_exit_3_and_nothing_rejoins_it_silently()
    {
        using var gate = new EpochGate(); // closed: the sweep's trials wait at their first epoch
        await using var cluster = await LocalCluster.StartAsync(silos: 2, slots: 2, epochMs: 0, gate: gate);
        await cluster.SubmitAsync(SweepSpecs.Random(trials: 4, epochs: 2, concurrency: 4));
        var running = cluster.Silos.ToList();

        await cluster.Redis.RestartEmptyAsync();

        foreach (var silo in running)
        {
            Assert.Equal(3, await silo.Process.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            var line = Assert.Single(silo.Process.Stderr, l => l.Contains("lost the data", StringComparison.Ordinal));
            Assert.StartsWith($"hypersweep-silo: Redis at {cluster.Redis.Endpoint} lost the data of cluster {cluster.ClusterId}: generation ", line, StringComparison.Ordinal);
            Assert.Contains("Backup and restore", line, StringComparison.Ordinal);
            NoStackTrace(silo.Process);
        }

        await cluster.DisconnectAsync();
        var ls = await Cli("ls", "--cluster", cluster.Address);
        Assert.Equal(ExitCodes.ClusterUnreachable, ls.Exit);
        Assert.Contains($"lost the data of cluster {cluster.ClusterId}", Assert.Single(ls.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

        var refused = cluster.StartSiloProcess();
        Assert.Equal(3, await refused.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("was found gone at", refused.Process.Output, StringComparison.Ordinal);
        NoStackTrace(refused.Process);

        // Told to, a silo starts a new, empty generation, and the cluster answers again.
        var fresh = cluster.StartSiloProcess("--HyperSweep:NewGeneration=true");
        await Poll.Until(async () => fresh.Process.HasExited || (await Cli("ls", "--cluster", cluster.Address)).Exit == 0,
            TimeSpan.FromSeconds(90), () => fresh.Process.Output);
        Assert.False(fresh.Process.HasExited, fresh.Process.Output);
    }

    [Fact]
    public async Task Redis_emptied_while_every_silo_was_stopped_is_caught_by_the_generation_a_node_remembers()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 1, slots: 1, epochMs: 0);
        await cluster.StopAllSilosAsync();

        await cluster.Redis.RestartEmptyAsync();
        var refused = cluster.StartSiloProcess();

        Assert.Equal(3, await refused.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(refused.Process.Stderr, l => l.Contains("holds no data", StringComparison.Ordinal));
        Assert.Contains($"holds no data for cluster {cluster.ClusterId}, but this node last saw generation ", line, StringComparison.Ordinal);
        NoStackTrace(refused.Process);
    }

    private static void NoStackTrace(OwnedProcess process) =>
        Assert.DoesNotContain(process.Stdout.Concat(process.Stderr), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));

    private static async Task<(int Exit, string Output, string Error)> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HyperSweepCli.InvokeAsync([.. args, "--connect-timeout", "5"], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
