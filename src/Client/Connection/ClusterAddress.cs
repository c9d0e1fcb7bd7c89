using System.Globalization;
using System.Net;
using HyperSweep.Silo.Cluster;

namespace HyperSweep.Client.Connection;

/// <summary>
/// Where the CLI finds a cluster (<c>--cluster</c> / <c>HYPERSWEEP_CLUSTER</c>): either its Redis store,
/// <c>redis://[[user]:password@]host:port/clusterId</c> (a user: a Redis 6+ ACL user; none: the default user's
/// <c>requirepass</c>), or a list of gateways, <c>gateways://h1:p1,h2:p2/clusterId</c>. Both accept
/// <c>?service=serviceId</c> (default <c>hypersweep</c>).
/// </summary>
public sealed record ClusterAddress(string ClusterId, string ServiceId, RedisEndpoint? Redis, string? RedisPassword, IReadOnlyList<DnsEndPoint> Gateways)
{
    /// <summary>The Redis ACL user (<c>redis://user:password@…</c>), or null for the default user.</summary>
    public string? RedisUser { get; init; }

    public const string DefaultServiceId = "hypersweep";

    /// <summary>Parses a cluster address; <see cref="FormatException"/> says what is wrong with it.</summary>
    public static ClusterAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            throw new FormatException($"cluster address '{text}' has no scheme: use redis://host:port/clusterId or gateways://host:port,host:port/clusterId");
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        var rest = text[(schemeEnd + 3)..];
        var serviceId = DefaultServiceId;
        var query = rest.IndexOf('?');
        if (query >= 0)
        {
            foreach (var pair in rest[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var key = equals < 0 ? pair : pair[..equals];
                if (key != "service" || equals < 0 || equals == pair.Length - 1)
                {
                    throw new FormatException($"cluster address '{Redact(text)}': unknown or empty query parameter '{key}' (only service=<id> is known)");
                }

                serviceId = Uri.UnescapeDataString(pair[(equals + 1)..]);
            }

            rest = rest[..query];
        }

        var slash = rest.IndexOf('/');
        var clusterId = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..].TrimEnd('/'));
        if (clusterId.Length == 0)
        {
            throw new FormatException($"cluster address '{Redact(text)}' names no cluster id (…/clusterId at the end)");
        }

        var authority = rest[..slash];
        return scheme switch
        {
            "redis" => ParseRedis(text, authority, clusterId, serviceId),
            "gateways" => new ClusterAddress(clusterId, serviceId, null, null, ParseGateways(text, authority)),
            _ => throw new FormatException($"cluster address '{Redact(text)}': unknown scheme '{scheme}' (use redis:// or gateways://)"),
        };
    }

    /// <summary>The address without its password, for messages.</summary>
    public override string ToString() => Redis is not null
        ? $"redis://{Redis}/{ClusterId}"
        : $"gateways://{string.Join(',', Gateways.Select(g => $"{g.Host}:{g.Port}"))}/{ClusterId}";

    private static ClusterAddress ParseRedis(string text, string authority, string clusterId, string serviceId)
    {
        string? password = null;
        string? user = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            // redis://:password@host (the default user) or redis://user:password@host (a Redis ACL user).
            var credentials = authority[..at];
            var colon = credentials.IndexOf(':');
            password = Uri.UnescapeDataString(colon < 0 ? credentials : credentials[(colon + 1)..]);
            user = colon > 0 ? Uri.UnescapeDataString(credentials[..colon]) : null;
            authority = authority[(at + 1)..];
        }

        try
        {
            return new ClusterAddress(clusterId, serviceId, RedisEndpoint.Parse(authority), password, []) { RedisUser = user };
        }
        catch (FormatException exception)
        {
            throw new FormatException($"cluster address '{Redact(text)}': {exception.Message}", exception);
        }
    }

    private static List<DnsEndPoint> ParseGateways(string text, string authority)
    {
        var gateways = new List<DnsEndPoint>();
        foreach (var item in authority.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = item.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(item[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new FormatException($"cluster address '{text}': gateway '{item}' is not host:port");
            }

            gateways.Add(new DnsEndPoint(item[..colon].Trim('[', ']'), port));
        }

        return gateways.Count > 0 ? gateways : throw new FormatException($"cluster address '{text}' lists no gateways");
    }

    private static string Redact(string text)
    {
        var at = text.LastIndexOf('@');
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        return at > schemeEnd && schemeEnd >= 0 ? text[..(schemeEnd + 3)] + "***@" + text[(at + 1)..] : text;
    }
}
