using HyperSweep.Silo.Cluster;

namespace HyperSweep.Client.Connection;

/// <summary>A cluster in cluster mode, found through its Redis store or its gateways (<see cref="ClusterAddress"/>); mutual TLS when HYPERSWEEP_TLS_CERT/_KEY/_CA are set.</summary>
public sealed class RemoteClusterTarget(ClusterAddress address, TimeSpan connectTimeout) : IClusterTarget
{
    public ClusterAddress Address { get; } = address;

    public string Description => Address.ToString();

    /// <summary>Silos of a cluster are long-lived whatever the purpose; the connection is bounded by the timeout.</summary>
    public async Task<IClusterSession> ConnectAsync(ConnectPurpose purpose, CancellationToken cancellation)
    {
        ClusterTlsFiles? tls;
        try
        {
            tls = ClusterTlsFiles.FromEnvironment();
        }
        catch (InvalidOperationException exception)
        {
            throw new ClusterUnreachableException(exception.Message, exception);
        }

        return new RemoteClusterSession(await ClusterConnection.ConnectAsync(Address, connectTimeout, cancellation, tls));
    }
}
