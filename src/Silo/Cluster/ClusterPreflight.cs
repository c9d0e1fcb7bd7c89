using HyperSweep.Grains.Artifacts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// What hypersweep-silo checks before starting in cluster mode, once its options are bound and validated
/// (<see cref="HyperSweepSiloHostExtensions.AddHyperSweepSilo"/>): the advertised address (exit 2), then Redis
/// (exit 3 naming host:port within <see cref="HyperSweepSiloOptions.RedisConnectTimeout"/>), warning when the
/// server would lose acknowledged state on restart, then the cluster's generation (exit 3 when Redis lost the cluster's
/// data: a loss notice left by a silo that saw it, or an empty Redis where this node remembers a generation; otherwise
/// the generation is created or joined and remembered in the state directory), then the artifact store (exit 2 when this
/// node mounts another store than the cluster's).
/// </summary>
public static class ClusterPreflight
{
    public const int BadConfiguration = 2;
    public const int RedisUnreachable = 3;

    public static async Task<int> RunAsync(HyperSweepSiloOptions options, TextWriter log)
    {
        try
        {
            ClusterSiloConfiguration.ResolveAdvertisedAddress(options.AdvertisedAddress!);
        }
        catch (InvalidOperationException exception)
        {
            await log.WriteLineAsync($"hypersweep-silo: {exception.Message}");
            return BadConfiguration;
        }

        try
        {
            var warnings = await RedisPreflight.CheckAsync(RedisEndpoint.Parse(options.Redis!), options.RedisPassword, options.RedisConnectTimeout, options.RedisUser);
            foreach (var warning in warnings)
            {
                await log.WriteLineAsync($"hypersweep-silo: warning: {warning}");
            }
        }
        catch (RedisUnreachableException exception)
        {
            await log.WriteLineAsync($"hypersweep-silo: {exception.Message}");
            return RedisUnreachable;
        }

        if (await CheckGenerationAsync(options) is { } lost)
        {
            await log.WriteLineAsync($"hypersweep-silo: {lost}");
            return RedisUnreachable;
        }

        return await CheckArtifactStoreAsync(options, log);
    }

    /// <summary>
    /// The artifact root must exist, be writable and be the same store on every node: its marker's id is recorded in
    /// Redis by the first silo, and a node whose root holds another id (or none, once one is recorded) mounts something
    /// else at that path and must not start.
    /// </summary>
    private static async Task<int> CheckArtifactStoreAsync(HyperSweepSiloOptions options, TextWriter log)
    {
        var root = options.ArtifactRoot;
        var hadMarker = File.Exists(Path.Combine(root, ArtifactRootCheck.MarkerName));
        string storeId;
        try
        {
            storeId = ArtifactRootCheck.Check(root);
        }
        catch (ArtifactException exception)
        {
            await log.WriteLineAsync($"hypersweep-silo: HyperSweep:Artifacts: {exception.Message}");
            return BadConfiguration;
        }

        string recorded;
        try
        {
            recorded = await RedisPreflight.RecordArtifactStoreAsync(
                RedisEndpoint.Parse(options.Redis!), options.RedisPassword, options.RedisUser, options.RedisConnectTimeout, $"hypersweep:{options.ServiceId}:{options.ClusterId}:artifact-store", storeId);
        }
        catch (RedisUnreachableException exception)
        {
            await log.WriteLineAsync($"hypersweep-silo: {exception.Message}");
            return RedisUnreachable;
        }

        if (recorded == storeId)
        {
            return 0;
        }

        await log.WriteLineAsync(
            $"hypersweep-silo: HyperSweep:Artifacts: {root} on this node is not the cluster's artifact store: " +
            (hadMarker ? $"it holds store {storeId}" : "it held no store marker (this node created one)") +
            $", but the silos of cluster {options.ClusterId} use store {recorded}. This node mounts a different filesystem (or none) at {root}; " +
            "mount the shared store there, or pass its path with --artifacts.");
        if (!hadMarker)
        {
            File.Delete(Path.Combine(root, ArtifactRootCheck.MarkerName));
        }

        return BadConfiguration;
    }

    /// <summary>Joins (or creates) the cluster's generation; the message when Redis lost the cluster's data, else null.</summary>
    private static async Task<string?> CheckGenerationAsync(HyperSweepSiloOptions options)
    {
        var redis = RedisEndpoint.Parse(options.Redis!);
        var generations = new ClusterGenerations(redis, options.ServiceId, options.ClusterId);
        var record = new GenerationRecord(HyperSweepSiloOptions.ExpandHome(options.StateDir), redis, options.ServiceId, options.ClusterId);
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ToConfigurationOptions(options.RedisPassword, options.RedisConnectTimeout, options.RedisUser));
        await using (connection)
        {
            var database = connection.GetDatabase();
            // The remembered generation is read BEFORE Redis: silos that share this state directory (the steps of one Slurm
            // job, nodes on a shared home) may be starting now, and one that creates the generation writes Redis before it
            // writes the record. So a record seen here that Redis does not confirm is a real loss, never a sibling's race.
            var remembered = record.Read();
            var generation = await generations.ReadAsync(database);
            if (generation is null && !options.NewGeneration)
            {
                if (await generations.ReadLossAsync(database) is { } loss)
                {
                    return generations.Lost(loss);
                }

                if (remembered is not null)
                {
                    return generations.LostWhileStopped(remembered);
                }
            }

            generation ??= await generations.CreateAsync(database, $"silo {options.AdvertisedAddress}:{options.SiloPort}");
            record.Write(generation);
            return null;
        }
    }
}
