namespace HyperSweep.Client.Connection;

/// <summary>
/// Where a CLI command's sweeps live: the local dev-mode state (<see cref="DevClusterTarget"/>) or a cluster named
/// by <c>--cluster</c> / <c>HYPERSWEEP_CLUSTER</c>. Every command that talks to grains goes through this one seam,
/// so adding a transport (Redis membership, a gateway list, TLS) changes no command.
/// </summary>
public interface IClusterTarget
{
    /// <summary>Human-readable name of the target for messages ("dev state ~/.hypersweep", "redis 10.0.0.1:6379/lab").</summary>
    string Description { get; }

    /// <summary>
    /// Connects and returns a session whose <see cref="IClusterSession.Grains"/> is ready to use. Must finish within
    /// a bounded time: when the cluster cannot be reached it throws <see cref="ClusterUnreachableException"/>
    /// (the CLI exits 3) instead of retrying forever. <paramref name="purpose"/> says whether the caller only reads
    /// or needs a long-lived silo that keeps running after the command exits (submit, resume).
    /// </summary>
    Task<IClusterSession> ConnectAsync(ConnectPurpose purpose, CancellationToken cancellation);
}
