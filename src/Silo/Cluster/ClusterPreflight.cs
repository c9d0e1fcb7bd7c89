using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// What hypersweep-silo checks before starting in cluster mode: the options (exit 2 naming the key), then Redis
/// (exit 3 naming host:port within <see cref="HyperSweepSiloOptions.RedisConnectTimeout"/>), warning when the
/// server would lose acknowledged state on restart, then the cluster's generation (exit 3 when Redis lost the cluster's
/// data: a loss notice left by a silo that saw it, or an empty Redis where this node remembers a generation; otherwise
/// the generation is created or joined and remembered in the state directory).
/// </summary>
public static class ClusterPreflight
{
    public const int BadConfiguration = 2;
    public const int RedisUnreachable = 3;

    public static async Task<int> RunAsync(HyperSweepSiloOptions options, TextWriter log)
    {
        var validation = new HyperSweepSiloOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            foreach (var failure in validation.Failures ?? [])
            {
                await log.WriteLineAsync($"hypersweep-silo: {failure}");
            }

            return BadConfiguration;
        }

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

        return 0;
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
            var generation = await generations.ReadAsync(database);
            if (generation is null && !options.NewGeneration)
            {
                if (await generations.ReadLossAsync(database) is { } loss)
                {
                    return generations.Lost(loss);
                }

                if (record.Read() is { } remembered)
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
