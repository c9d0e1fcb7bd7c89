using HyperSweep.Client.Connection;
using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search;

namespace HyperSweep.Cluster.Tests;

/// <summary>
/// A silo cut off from Redis and from its peers mid-sweep (it runs in a network namespace whose only link, a veth pair on
/// a private /30 made for this test, goes down), then the link comes back. What Orleans does: the others miss its probes
/// and vote it dead, and a silo that finds itself declared dead stops (here with one line, SiloFatalErrorHandler); grain
/// state writes carry ETags, so a stale activation's write is refused. What HyperSweep adds: every epoch report and every
/// commit names its attempt, so the cut-off silo's trial — still training on its own, retrying its commits — is refused as
/// superseded when the link returns; its trial resumes elsewhere from its checkpoint; no epoch is counted twice and no
/// stale attempt comes back. The silos listen on the veth's host address (reachable from this machine only) and loopback.
/// </summary>
public sealed class PartitionTests
{
    [Fact]
    public async Task A_silo_cut_off_and_reconnected_loses_its_trial_to_the_others_and_counts_nothing_twice()
    {
        using var network = NetworkNamespace.Create();
        // A password: Redis refuses clients from beyond loopback without one (protected mode), as it should.
        const string password = "partition-test";
        await using var redis = await RedisServer.StartAsync("--bind", "127.0.0.1", network.HostAddress, "--requirepass", password);
        using var state = new TempFolder("hypersweep-partition-");
        using var gate = new EpochGate();
        gate.Allow(1);
        gate.AllowBatches(2, 4);
        var clusterId = "part-" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string> { [SyntheticTrialWorkload.GateVariable] = gate.Folder, ["HyperSweep__RedisPassword"] = password };
        var port = redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var silos = new List<SiloNode>();
        try
        {
            foreach (var host in new[] { 1, 2 })
            {
                silos.Add(SiloNode.Start(new SiloLaunch(redis.Endpoint, clusterId, Slots: 1, EpochMs: 0, state.Combine($"host-{host}"), state.Combine("artifacts"), environment,
                    ["--insecure"], AdvertisedAddress: network.HostAddress)));
            }

            var cutOff = SiloNode.Start(new SiloLaunch($"{network.HostAddress}:{port}", clusterId, Slots: 1, EpochMs: 0, state.Combine("cut-off"), state.Combine("artifacts"), environment,
                ["--insecure"], AdvertisedAddress: network.InsideAddress, Namespace: network.Name));
            silos.Add(cutOff);
            await using var client = await Connect($"redis://:{password}@{redis.Endpoint}/{clusterId}", silos, count: 3);

            var id = SweepIds.New();
            var spec = SweepSpecs.Random(trials: 3, epochs: 3, concurrency: 3, name: "partition")
                .Replace("pruner: {name: none}", "pruner: {name: none}\nmodel: {synthetic_batches: 10}", StringComparison.Ordinal);
            Assert.True((await client.Client.GetGrain<ISweepGrain>(id).Submit(new SweepSubmission(spec, "partition.yaml"))).Accepted);
            await Poll.Until(() => gate.Arrived(2, 5) == 3, TimeSpan.FromSeconds(90), () => $"{gate.Arrived(2, 5)} of 3 trials held in epoch 2\n{Logs(silos)}");
            var rows = await client.Client.GetGrain<ISweepGrain>(id).GetTrials();
            var isolated = Assert.Single(rows, t => t.Silo?.Contains(network.InsideAddress, StringComparison.Ordinal) == true).Number;

            network.Cut();
            gate.Open();
            // The others declare it dead and take its trial; it keeps training on its own meanwhile.
            await Poll.Until(async () => await Bounded(() => client.Client.GetGrain<ISweepGrain>(id).GetTrial(isolated)) is { } trial
                    && trial.Attempts.Count >= 2 && !trial.Attempts[^1].Silo.Contains(network.InsideAddress, StringComparison.Ordinal),
                TimeSpan.FromSeconds(90), () => $"trial {isolated} did not move off the cut-off silo\n{Logs(silos)}");

            network.Heal();
            SweepStatus? status = null;
            await Poll.Until(async () => (status = await Bounded(() => client.Client.GetGrain<ISweepGrain>(id).GetStatus())) is { IsFinal: true },
                TimeSpan.FromSeconds(120), () => $"sweep did not finish: {status}\n{Logs(silos)}");
            await SweepChecks.EveryTrialCompletedOnce(client.Client, id, trials: 3, epochs: 3);
            var moved = (await client.Client.GetGrain<ISweepGrain>(id).GetTrial(isolated))!;
            Assert.DoesNotContain(network.InsideAddress, moved.Attempts[^1].Silo, StringComparison.Ordinal);

            // Back on the network, it learns the cluster declared it dead and stops, in one line.
            await cutOff.Process.WaitForExitAsync(TimeSpan.FromSeconds(90));
            Assert.DoesNotContain(cutOff.Process.Stdout.Concat(cutOff.Process.Stderr), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        }
        finally
        {
            await Task.WhenAll(silos.Select(s => s.Process.StopAsync(TimeSpan.FromSeconds(10))));
            silos.ForEach(s => s.Dispose());
        }
    }

    private static async Task<ClusterConnection> Connect(string address, List<SiloNode> silos, int count)
    {
        ClusterConnection? connection = null;
        await Poll.Until(async () =>
        {
            try
            {
                connection ??= await ClusterConnection.ConnectAsync(ClusterAddress.Parse(address), TimeSpan.FromSeconds(10));
                return (await connection.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == count;
            }
            catch (ClusterUnreachableException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), () => "silos did not become active:\n" + Logs(silos));
        return connection!;
    }

    private static async Task<T?> Bounded<T>(Func<Task<T?>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return null;
        }
    }

    private static string Logs(IEnumerable<SiloNode> silos) =>
        string.Join("\n", silos.Select(s => $"--- {s.Process.Name} exited={s.Process.HasExited}\n{(s.Process.Output.Length > 3000 ? s.Process.Output[^3000..] : s.Process.Output)}"));
}
