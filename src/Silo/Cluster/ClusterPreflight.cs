namespace HyperSweep.Silo.Cluster;

/// <summary>
/// What hypersweep-silo checks before starting in cluster mode, once its options are bound and validated
/// (<see cref="HyperSweepSiloHostExtensions.AddHyperSweepSilo"/>): the advertised address (exit 2), then Redis
/// (exit 3 naming host:port within <see cref="HyperSweepSiloOptions.RedisConnectTimeout"/>), warning when the
/// server would lose acknowledged state on restart.
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
            var warnings = await RedisPreflight.CheckAsync(RedisEndpoint.Parse(options.Redis!), options.RedisPassword, options.RedisConnectTimeout);
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

        return 0;
    }
}
