namespace HyperSweep.Client.Connection;

/// <summary>A live connection to a target's grains, for the length of one command; disposing it disconnects (or stops a short-lived silo).</summary>
public interface IClusterSession : IAsyncDisposable
{
    /// <summary>
    /// The grains of the target. An <see cref="IClusterClient"/> for a remote cluster; the co-hosted grain factory
    /// for a dev silo inside this process.
    /// </summary>
    IGrainFactory Grains { get; }

    /// <summary>Where the session is connected, for messages ("in-process dev silo", "gateway 127.0.0.1:30000").</summary>
    string Description { get; }

    /// <summary>
    /// The state store's fault when this process hosts the silo and its store failed (a full disk, a damaged file), so a
    /// command can say that in one line instead of reporting the grain call it broke; null otherwise.
    /// </summary>
    HyperSweep.Grains.Storage.StateStoreFault? StoreFault => null;

    /// <summary>
    /// On a cluster found through Redis: the one-line loss notice when Redis lost the cluster's data (what makes every
    /// call fail), else null; the function itself is null for sessions that cannot tell.
    /// </summary>
    Func<Task<string?>>? ExplainFailure => null;
}
