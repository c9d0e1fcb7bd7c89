namespace HyperSweep.Client.Connection;

/// <summary>The target could not be reached (or a dev silo could not start) within the connect timeout; the CLI exits 3.</summary>
public sealed class ClusterUnreachableException : Exception
{
    public ClusterUnreachableException(string message)
        : base(message)
    {
    }

    public ClusterUnreachableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
