using HyperSweep.Silo.Cluster;

namespace HyperSweep.Client.Connection;

/// <summary>A command's session on a cluster: the Orleans client of a <see cref="ClusterConnection"/>.</summary>
internal sealed class RemoteClusterSession(ClusterConnection connection) : IClusterSession
{
    public IGrainFactory Grains => connection.Client;

    public string Description => $"cluster {connection.Target}";

    public Func<Task<string?>>? ExplainFailure => connection.Target is { Redis: { } redis } target
        ? async () => (await new ClusterGenerations(redis, target.ServiceId, target.ClusterId).InspectAsync(target.RedisPassword, TimeSpan.FromSeconds(5), target.RedisUser)).Loss
        : null;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
