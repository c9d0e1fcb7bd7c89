namespace HyperSweep.Client.Connection;

/// <summary>The CLI could not connect to the cluster within its bound (exit code 3).</summary>
public sealed class ClusterUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
