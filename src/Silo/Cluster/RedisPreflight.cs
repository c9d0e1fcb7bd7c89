using StackExchange.Redis;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// Checks the cluster's Redis before the silo starts: Orleans' providers would otherwise retry an unreachable
/// server for a long time with errors that do not say which server, so a wrong host or password should fail
/// fast with a message naming it. Also warns when the server would lose acknowledged writes on restart.
/// </summary>
public static class RedisPreflight
{
    /// <summary>Connects within <paramref name="timeout"/>; throws <see cref="RedisUnreachableException"/> naming the endpoint.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(RedisEndpoint endpoint, string? password, TimeSpan timeout, string? user = null)
    {
        var options = endpoint.ToConfigurationOptions(password, timeout, user);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.AllowAdmin = true; // CONFIG GET, read only
        options.ClientName = "hypersweep-preflight";
        ConnectionMultiplexer connection;
        try
        {
            var connecting = ConnectionMultiplexer.ConnectAsync(options);
            connection = await connecting.WaitAsync(timeout + TimeSpan.FromSeconds(1));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new RedisUnreachableException(endpoint, FirstLine(exception.Message), exception);
        }

        await using (connection)
        {
            var server = connection.GetServer(connection.GetEndPoints()[0]);
            try
            {
                await connection.GetDatabase().PingAsync();
            }
            catch (RedisException exception)
            {
                throw new RedisUnreachableException(endpoint, FirstLine(exception.Message), exception);
            }

            return await DurabilityWarnings(endpoint, server);
        }
    }

    /// <summary>
    /// Records <paramref name="storeId"/> under <paramref name="key"/> unless a silo recorded one before (SET NX), and
    /// returns the recorded id: the cluster's artifact store as the first silo saw it.
    /// </summary>
    public static async Task<string> RecordArtifactStoreAsync(RedisEndpoint endpoint, string? password, string? user, TimeSpan timeout, string key, string storeId)
    {
        var options = endpoint.ToConfigurationOptions(password, timeout, user);
        options.AbortOnConnectFail = true;
        options.ClientName = "hypersweep-preflight";
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(timeout + TimeSpan.FromSeconds(1));
            var database = connection.GetDatabase();
            await database.StringSetAsync(key, storeId, when: When.NotExists);
            return (string?)await database.StringGetAsync(key) ?? storeId;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new RedisUnreachableException(endpoint, FirstLine(exception.Message), exception);
        }
    }

    private static async Task<IReadOnlyList<string>> DurabilityWarnings(RedisEndpoint endpoint, IServer server)
    {
        var warnings = new List<string>();
        try
        {
            var settings = (await server.ConfigGetAsync("append*")).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            if (!settings.TryGetValue("appendonly", out var appendOnly) || !string.Equals(appendOnly, "yes", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"Redis at {endpoint} has persistence off (appendonly={appendOnly ?? "?"}): a Redis restart loses sweep state and membership. Start it with --appendonly yes --appendfsync everysec (docs/CLUSTER.md).");
            }
            else if (settings.TryGetValue("appendfsync", out var fsync) && string.Equals(fsync, "no", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"Redis at {endpoint} has appendfsync=no: a machine crash can lose more than a second of sweep state; use --appendfsync everysec.");
            }
        }
        catch (RedisException exception)
        {
            // CONFIG is often renamed or disabled on shared servers; say we could not check rather than fail.
            warnings.Add($"could not check the persistence settings of Redis at {endpoint} (CONFIG GET failed: {FirstLine(exception.Message)}); make sure appendonly is yes.");
        }

        return warnings;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
