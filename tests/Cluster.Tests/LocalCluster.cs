using HyperSweep.Client.Connection;
using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;
using HyperSweep.Silo.Cluster;

namespace HyperSweep.Cluster.Tests;

/// <summary>
/// A throwaway cluster of real processes, as deploy/local-cluster.sh starts it: a private Redis with AOF, N silo
/// processes on loopback sharing one artifact store directory, and an Orleans client connected through <see cref="ClusterConnection"/>.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(180); // bounds a failing start only; a loaded 2-core machine needed over 60 s

    private readonly List<SiloNode> _silos = [];
    private readonly TempFolder _stateDirs = new("hypersweep-silo-state-");
    private readonly IReadOnlyDictionary<string, string>? _siloEnvironment;
    private ClusterConnection? _connection;

    private LocalCluster(RedisServer redis, int slots, int epochMs, IReadOnlyDictionary<string, string>? siloEnvironment, ClusterTlsFiles? clientTls)
    {
        _siloEnvironment = siloEnvironment;
        ClientTls = clientTls;
        Redis = redis;
        Slots = slots;
        EpochMs = epochMs;
    }

    public RedisServer Redis { get; }

    /// <summary>The silos' shared artifact store (what a shared filesystem is on a real cluster).</summary>
    public TempFolder Artifacts { get; } = new("hypersweep-artifacts-");

    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public int Slots { get; }

    public int EpochMs { get; }

    public ClusterTlsFiles? ClientTls { get; }

    public IReadOnlyList<SiloNode> Silos => _silos;

    /// <summary>The state directory the silos share (logs, the cluster generation they saw), as a shared home would be.</summary>
    public string StateDir => _stateDirs.Path;

    public IClusterClient Client => _connection?.Client ?? throw new InvalidOperationException("not connected");

    public string Address => $"redis://{Redis.Endpoint}/{ClusterId}";

    /// <summary>
    /// Starts Redis and <paramref name="silos"/> silos running the synthetic workload (each epoch takes
    /// <paramref name="epochMs"/>); with a <paramref name="gate"/>, every epoch also waits for the test's pass.
    /// </summary>
    public static async Task<LocalCluster> StartAsync(
        int silos, int slots = 2, int epochMs = 200, IReadOnlyDictionary<string, string>? siloEnvironment = null, ClusterTlsFiles? clientTls = null,
        EpochGate? gate = null)
    {
        if (gate is not null)
        {
            siloEnvironment = new Dictionary<string, string>(siloEnvironment ?? new Dictionary<string, string>())
            {
                [SyntheticTrialWorkload.GateVariable] = gate.Folder,
            };
        }

        var cluster = new LocalCluster(await RedisServer.StartAsync(), slots, epochMs, siloEnvironment, clientTls);
        try
        {
            await cluster.StartSilosAsync(silos);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <paramref name="count"/> more silos, waits until the membership shows them active, then (re)connects the client.</summary>
    public async Task StartSilosAsync(int count)
    {
        var started = Enumerable.Range(0, count).Select(_ => SiloNode.Start(Redis.Endpoint, ClusterId, Slots, EpochMs, StateDir, Artifacts.Path, _siloEnvironment)).ToList();
        _silos.AddRange(started);
        await ConnectAsync();
        await Until(
            async () => started.All(s => !s.Process.HasExited) && (await ActiveSilos()).Count(name => started.Any(s => s.Is(name))) == count,
            StartDeadline,
            () => "silos did not become active:\n" + string.Join("\n", started.Select(s => $"--- {s.Process.Name} exited={s.Process.HasExited}\n{s.Process.Output}")));
    }

    public async Task ConnectAsync()
    {
        if (_connection is not null)
        {
            return;
        }

        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            try
            {
                _connection = await ClusterConnection.ConnectAsync(ClusterAddress.Parse(Address), TimeSpan.FromSeconds(15), tls: ClientTls);
                return;
            }
            catch (ClusterUnreachableException) when (DateTime.UtcNow < deadline)
            {
                // Gateways appear once the first silo has joined.
            }
        }
    }

    public async Task DisconnectAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>Starts one more silo process without waiting for it (a test that expects it to refuse to start).</summary>
    public SiloNode StartSiloProcess(params string[] extra)
    {
        var silo = SiloNode.Start(Redis.Endpoint, ClusterId, Slots, EpochMs, StateDir, Artifacts.Path, _siloEnvironment, extra);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>SIGTERM to every silo (a clean stop of the whole cluster), waiting for each to exit.</summary>
    public async Task StopAllSilosAsync()
    {
        await DisconnectAsync();
        await Task.WhenAll(_silos.Select(s => s.Process.StopAsync(TimeSpan.FromSeconds(30))));
    }

    public ISweepGrain Sweep(string id) => Client.GetGrain<ISweepGrain>(id);

    /// <summary>
    /// Submits <paramref name="spec"/> as a new sweep. A submit of the same id and text is accepted again, so one that
    /// outlived the client's call bound (5 s: on a loaded machine a fresh coordinator's activation and first writes can
    /// take longer, and a message can expire before its placement completes) is sent again until <see cref="StartDeadline"/>.
    /// </summary>
    public async Task<string> SubmitAsync(string spec)
    {
        var id = SweepIds.New();
        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            try
            {
                var result = await Sweep(id).Submit(new SweepSubmission(spec, "cluster-test.yaml"));
                Assert.True(result.Accepted, string.Join("\n", result.Errors));
                return id;
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException && DateTime.UtcNow < deadline)
            {
                // Not answered in time (or expired while the coordinator was being placed); the sweep may well exist
                // already, and the same submission is accepted again.
            }
        }
    }

    public async Task<SweepStatus> WaitFinishedAsync(string id, TimeSpan deadline)
    {
        SweepStatus? status = null;
        await Until(async () => (status = await Sweep(id).GetStatus()) is { IsFinal: true }, deadline, () => $"sweep {id} did not finish: {status}\n{Logs()}");
        return status!;
    }

    /// <summary>
    /// Polls a condition on the cluster; a call that fails because the cluster is changing under the test (a silo
    /// dying, Redis restarting) counts as "not yet".
    /// </summary>
    public Task Until(Func<Task<bool>> condition, TimeSpan deadline, Func<string> describe) =>
        Poll.Until(condition, deadline, describe, e => e is OrleansException or TimeoutException or SiloUnavailableException or OperationCanceledException);

    public async Task<IReadOnlyList<string>> ActiveSilos()
    {
        var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.Select(k => k.ToParsableString()).ToList();
    }

    public string Logs() => string.Join("\n", _silos.Select(s => $"--- {s.Process.Name} exited={s.Process.HasExited}\n{Tail(s.Process.Output)}")) + $"\n--- redis\n{Tail(Redis.Log)}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync();
        }
        catch (Exception exception) when (exception is OrleansException or OperationCanceledException)
        {
            // Tearing down regardless.
        }

        await Task.WhenAll(_silos.Select(s => s.Process.StopAsync(TimeSpan.FromSeconds(10))));
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        await Redis.DisposeAsync();
        _stateDirs.Dispose();
        Artifacts.Dispose();
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
