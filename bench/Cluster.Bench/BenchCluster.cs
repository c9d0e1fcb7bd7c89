using System.Text.RegularExpressions;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;
using HyperSweep.Search;
using StackExchange.Redis;

namespace HyperSweep.Cluster.Bench;

/// <summary>The benchmark's view of the cluster: an Orleans client, the membership table in Redis, and bounded calls.</summary>
internal sealed partial class BenchCluster(ClusterConnection connection, ConnectionMultiplexer redis, ClusterAddress address) : IAsyncDisposable
{
    public IClusterClient Client => connection.Client;

    public static async Task<BenchCluster> ConnectAsync(string cluster)
    {
        var address = ClusterAddress.Parse(cluster);
        var connection = await ClusterConnection.ConnectAsync(address, TimeSpan.FromSeconds(30));
        var redis = await ConnectionMultiplexer.ConnectAsync(address.Redis!.ToConfigurationOptions(address.RedisPassword, TimeSpan.FromSeconds(5), address.RedisUser));
        return new BenchCluster(connection, redis, address);
    }

    [GeneratedRegex(@":(\d+)@")]
    private static partial Regex PortOf();

    public static int Port(string silo) => int.Parse(PortOf().Match(silo).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public ISweepGrain Sweep(string id) => Client.GetGrain<ISweepGrain>(id);

    public async Task<string> SubmitAsync(string spec)
    {
        var id = SweepIds.New();
        var result = await Sweep(id).Submit(new SweepSubmission(spec, "bench.yaml"));
        return result.Accepted ? id : throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    /// <summary>A grain call bounded by <paramref name="timeout"/>; null when it failed or took longer (the cluster is changing).</summary>
    public static async Task<T?> Bounded<T>(Func<Task<T>> call, TimeSpan timeout) where T : class
    {
        try
        {
            return await call().WaitAsync(timeout);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Whether the membership table in Redis says the silo on <paramref name="port"/> is dead (status 6).</summary>
    public async Task<bool> DeclaredDeadAsync(int port)
    {
        var entries = await redis.GetDatabase().HashValuesAsync($"{address.ServiceId}/members/{address.ClusterId}");
        return entries.Any(e => e.ToString() is var json && json.Contains($":{port}", StringComparison.Ordinal)
            && json.Contains("\"Status\":6", StringComparison.Ordinal) && !json.Contains("\"Status\":3", StringComparison.Ordinal));
    }

    /// <summary>Every trial completed, with every epoch counted once by the coordinator and once in the trial's own history; null when so, else what is wrong.</summary>
    public async Task<string?> CheckEveryTrialOnceAsync(string id, int trials, int epochs)
    {
        var status = await Sweep(id).GetStatus();
        if (status is not { State: SweepState.Completed } || status.Completed != trials)
        {
            return $"sweep not completed with {trials} trials: {status}";
        }

        foreach (var number in Enumerable.Range(0, trials))
        {
            var detail = await Sweep(id).GetTrial(number);
            var history = await Client.GetGrain<ITrialGrain>(TrialKey.Format(id, number)).GetHistory();
            if (detail is null || detail.Summary.State != TrialState.Completed
                || !detail.Epochs.Select(e => e.Epoch).SequenceEqual(Enumerable.Range(1, epochs))
                || !history.Select(e => e.Epoch).SequenceEqual(Enumerable.Range(1, epochs)))
            {
                return $"trial {number}: {detail?.Summary.State}, coordinator epochs [{string.Join(",", detail?.Epochs.Select(e => e.Epoch) ?? [])}], trial history [{string.Join(",", history.Select(e => e.Epoch))}]";
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        await redis.DisposeAsync();
    }
}
