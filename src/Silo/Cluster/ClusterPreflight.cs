using Microsoft.Extensions.Options;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// What hypersweep-silo checks before starting in cluster mode: the options (exit 2 naming the key), then Redis
/// (exit 3 naming host:port within <see cref="HyperSweepSiloOptions.RedisConnectTimeout"/>), warning when the
/// server would lose acknowledged state on restart.
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
