using HyperSweep.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// Watches the cluster's generation marker while the silo runs. Redis answering without the marker means it lost its
/// data (restarted without its append-only file, or flushed): Orleans' providers would only log version conflicts and
/// keep going on an empty store, while every client sees "no gateway answered". Instead the silo leaves a loss notice
/// in Redis for everyone who comes later and reports a <see cref="StateStoreFaultKind.Lost"/> fault, on which
/// hypersweep-silo stops with one line and exit 3. Redis being down or still loading is not a loss: it is ridden out.
/// </summary>
public sealed class ClusterGenerationWatch(HyperSweepSiloOptions options, StateStoreHealth health, ILogger<ClusterGenerationWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var redis = RedisEndpoint.Parse(options.Redis!);
        var generations = new ClusterGenerations(redis, options.ServiceId, options.ClusterId);
        var me = $"silo {options.AdvertisedAddress}:{options.SiloPort}";
        // What the start-up check created or joined (it remembers it in the state directory), else the first look's.
        var expected = new GenerationRecord(HyperSweepSiloOptions.ExpandHome(options.StateDir), redis, options.ServiceId, options.ClusterId).Read();
        using var timer = new PeriodicTimer(options.StoreCheckInterval);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ToConfigurationOptions(options.RedisPassword, options.RedisConnectTimeout, options.RedisUser));
        do
        {
            ClusterGeneration? current;
            try
            {
                current = await generations.ReadAsync(connection.GetDatabase()).WaitAsync(options.RedisConnectTimeout, stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                continue; // Redis down, restarting or loading its append-only file: not a loss, look again later
            }

            expected ??= current;
            if (expected is not null && current?.Id != expected.Id)
            {
                await MarkLost(connection, generations, expected, me);
                health.Report(new StateStoreFault(StateStoreFaultKind.Lost, redis.ToString(), generations.LostWhileRunning(expected)));
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task MarkLost(ConnectionMultiplexer connection, ClusterGenerations generations, ClusterGeneration lost, string me)
    {
        try
        {
            await generations.MarkLostAsync(connection.GetDatabase(), lost, me);
        }
        catch (RedisException exception)
        {
            logger.LogWarning("Could not leave the loss notice in Redis: {Error}", exception.Message);
        }
    }
}
