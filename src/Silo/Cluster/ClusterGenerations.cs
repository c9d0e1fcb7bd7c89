using StackExchange.Redis;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// The cluster generation marker in Redis (<see cref="ClusterGeneration"/>) and the loss notice beside it
/// (<see cref="ClusterGenerationLoss"/>), keyed by service id and cluster id like Orleans' own keys, and the one-line
/// messages that explain a loss. Used by the silo at start (<see cref="ClusterPreflight"/>), while it runs
/// (<see cref="ClusterGenerationWatch"/>), and by the CLI when it connects.
/// </summary>
public sealed class ClusterGenerations(RedisEndpoint redis, string serviceId, string clusterId)
{
    public RedisKey MarkerKey { get; } = $"{serviceId}/hypersweep-generation/{clusterId}";

    public RedisKey LossKey { get; } = $"{serviceId}/hypersweep-generation-lost/{clusterId}";

    public async Task<ClusterGeneration?> ReadAsync(IDatabaseAsync database) => ClusterGeneration.FromJson(await database.StringGetAsync(MarkerKey));

    public async Task<ClusterGenerationLoss?> ReadLossAsync(IDatabaseAsync database) => ClusterGenerationLoss.FromJson(await database.StringGetAsync(LossKey));

    /// <summary>Creates the marker unless another silo just did; returns the one in force.</summary>
    public async Task<ClusterGeneration> CreateAsync(IDatabaseAsync database, string createdBy)
    {
        var fresh = ClusterGeneration.New(createdBy);
        if (await database.StringSetAsync(MarkerKey, fresh.ToJson(), when: When.NotExists))
        {
            await database.KeyDeleteAsync(LossKey);
            return fresh;
        }

        return await ReadAsync(database) ?? fresh;
    }

    /// <summary>Leaves the loss notice in the store (the first one wins: it names the generation that was lost).</summary>
    public Task MarkLostAsync(IDatabaseAsync database, ClusterGeneration lost, string detectedBy) =>
        database.StringSetAsync(LossKey, new ClusterGenerationLoss(lost, DateTimeOffset.UtcNow, detectedBy).ToJson(), when: When.NotExists);

    /// <summary>
    /// A client's look at the store (a short connection of its own): the loss message when a silo left a loss notice,
    /// and whether a generation exists at all (none: no silo has joined yet, or the data is gone). Unreachable: (null, true).
    /// </summary>
    public async Task<(string? Loss, bool HasGeneration)> InspectAsync(string? password, TimeSpan timeout, string? user = null)
    {
        try
        {
            var options = redis.ToConfigurationOptions(password, timeout, user);
            options.AbortOnConnectFail = true;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(timeout + TimeSpan.FromSeconds(1));
            var database = connection.GetDatabase();
            return await ReadLossAsync(database) is { } loss ? (Lost(loss), false) : (null, await ReadAsync(database) is not null);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return (null, true);
        }
    }

    /// <summary>The message when a loss notice is found (at start, or by a client).</summary>
    public string Lost(ClusterGenerationLoss loss) =>
        $"Redis at {redis} lost the data of cluster {clusterId}: {loss.Lost} was found gone at {loss.DetectedAt:yyyy-MM-dd HH:mm:ss}Z by {loss.DetectedBy}; "
        + $"every sweep stored in it is gone with it. {WhatToDo}";

    /// <summary>The message of a silo that finds its generation gone while it runs.</summary>
    public string LostWhileRunning(ClusterGeneration lost) =>
        $"Redis at {redis} lost the data of cluster {clusterId}: {lost} is gone (Redis restarted without its append-only file, or was flushed); "
        + $"every sweep stored in it is gone with it, so this silo stops. {WhatToDo}";

    /// <summary>The message when Redis is empty but this node remembers a generation there.</summary>
    public string LostWhileStopped(ClusterGeneration remembered) =>
        $"Redis at {redis} holds no data for cluster {clusterId}, but this node last saw {remembered} there: Redis lost its data while the "
        + $"cluster was stopped (restarted without its append-only file?). {WhatToDo}";

    private string WhatToDo =>
        "Restore Redis from its append-only file or RDB backup and restart the silos (docs/CLUSTER.md, \"Backup and restore\"), "
        + $"or start a new, empty generation with: hypersweep-silo ... --new-generation";
}
