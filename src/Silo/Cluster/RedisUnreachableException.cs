namespace HyperSweep.Silo.Cluster;

/// <summary>The cluster's Redis could not be reached or refused the connection (wrong host, port or password).</summary>
public sealed class RedisUnreachableException(RedisEndpoint endpoint, string reason, Exception inner)
    : Exception($"cannot reach Redis at {endpoint}: {reason}", inner)
{
    public RedisEndpoint Endpoint { get; } = endpoint;
}
