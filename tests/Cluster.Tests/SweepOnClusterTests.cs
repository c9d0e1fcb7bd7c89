using HyperSweep.Client;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Cluster.Tests;

/// <summary>Three silo processes on a private Redis: a sweep runs to completion, every trial exactly once.</summary>
public sealed class SweepOnClusterTests
{
    [Fact]
    public async Task A_sweep_completes_on_three_silos_with_every_trial_once_and_uses_them_all()
    {
        // The gate holds the first trials until all six slots of the cluster are taken: each silo must host two of
        // them, whatever the machine's speed (without it, fast trials could all end on the first silos to answer).
        using var gate = new EpochGate();
        await using var cluster = await LocalCluster.StartAsync(silos: 3, slots: 2, epochMs: 100, gate: gate);
        const int trials = 12;
        const int epochs = 3;
        var id = await cluster.SubmitAsync(SweepSpecs.Random(trials, epochs, concurrency: 6));
        SweepStatus? status = null;
        await cluster.Until(
            async () => (status = await cluster.Sweep(id).GetStatus()) is { Running: 6 },
            TimeSpan.FromSeconds(60),
            () => $"six trials did not start: {status}");
        gate.Open();
        await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));

        var details = await SweepChecks.EveryTrialCompletedOnce(cluster, id, trials, epochs);
        var silosUsed = details.SelectMany(d => d.Attempts.Select(a => a.Silo)).Distinct().ToList();
        Assert.True(cluster.Silos.All(s => silosUsed.Any(s.Is)), $"not every silo trained: {string.Join(", ", silosUsed)}");
    }

    [Fact]
    public async Task The_cli_runs_a_sweep_on_the_cluster_through_hypersweep_cluster()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 1, slots: 2, epochMs: 0);
        var spec = Path.Combine(cluster.Redis.Directory, "spec.yaml");
        await File.WriteAllTextAsync(spec, SweepSpecs.Random(trials: 4, epochs: 2, concurrency: 2));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await HyperSweepCli.InvokeAsync(["run", spec, "--json", "--cluster", cluster.Address], output, error);
        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {error}\n{output}");
        Assert.Contains("\"state\": \"completed\"", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_reported_with_its_address_within_the_timeout()
    {
        var port = HyperSweep.Silo.FreePort.OnLoopback(); // nothing listens there
        var target = ClusterTargets.Resolve(new ClusterTargetOptions($"redis://127.0.0.1:{port}/nowhere", null, TimeSpan.FromSeconds(3)));
        var exception = await Assert.ThrowsAsync<ClusterUnreachableException>(() => target.ConnectAsync(ConnectPurpose.Read, CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", exception.Message, StringComparison.Ordinal);
    }
}
