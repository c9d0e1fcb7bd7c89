using System.Globalization;
using StackExchange.Redis;

namespace HyperSweep.Silo.Cluster;

/// <summary>A Redis server's <c>host:port</c> (the cluster store), parsed once so every error can name it.</summary>
public sealed record RedisEndpoint(string Host, int Port)
{
    public const int DefaultPort = 6379;

    /// <summary>Parses <c>host</c>, <c>host:port</c> or <c>[ipv6]:port</c>; throws <see cref="FormatException"/> naming the text.</summary>
    public static RedisEndpoint Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("the Redis endpoint is empty (expected host:port)");
        }

        var trimmed = text.Trim();
        string host;
        string? port = null;
        if (trimmed.StartsWith('['))
        {
            var close = trimmed.IndexOf(']');
            if (close < 0)
            {
                throw new FormatException($"'{text}' is not host:port (unclosed '[')");
            }

            host = trimmed[1..close];
            var rest = trimmed[(close + 1)..];
            port = rest.StartsWith(':') ? rest[1..] : rest.Length == 0 ? null : throw new FormatException($"'{text}' is not host:port");
        }
        else
        {
            var colon = trimmed.LastIndexOf(':');
            host = colon < 0 ? trimmed : trimmed[..colon];
            port = colon < 0 ? null : trimmed[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new FormatException($"'{text}' names no host (expected host:port)");
        }

        var number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            throw new FormatException($"'{text}' has no valid port (expected host:port with a port 1-65535)");
        }

        return new RedisEndpoint(host, number);
    }

    /// <summary>
    /// StackExchange.Redis settings for the Orleans providers: never give up on a server that is briefly down
    /// (a Redis restart from its append-only file must be ridden out), reconnect with backoff. With <paramref name="user"/>,
    /// Redis 6+ ACL authentication (AUTH user password); without, the default user's <c>requirepass</c> password.
    /// </summary>
    public ConfigurationOptions ToConfigurationOptions(string? password, TimeSpan connectTimeout, string? user = null)
    {
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = (int)connectTimeout.TotalMilliseconds,
            SyncTimeout = 10_000,
            AsyncTimeout = 10_000,
            ConnectRetry = 3,
            ReconnectRetryPolicy = new ExponentialRetry(250, 5_000),
            Password = string.IsNullOrEmpty(password) ? null : password,
            User = string.IsNullOrEmpty(user) ? null : user,
            ClientName = "hypersweep",
        };
        options.EndPoints.Add(Host, Port);
        return options;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
