namespace HyperSweep.Client.Connection;

/// <summary>A command's session on a cluster: the Orleans client of a <see cref="ClusterConnection"/>.</summary>
internal sealed class RemoteClusterSession(ClusterConnection connection) : IClusterSession
{
    public IGrainFactory Grains => connection.Client;

    public string Description => $"cluster {connection.Target}";

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
