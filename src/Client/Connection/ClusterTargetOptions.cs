namespace HyperSweep.Client.Connection;

/// <summary>
/// The connection options every cluster command has: <c>--cluster</c> (else <c>HYPERSWEEP_CLUSTER</c>; empty means
/// dev mode), <c>--state-dir</c> (dev mode only) and the connect timeout; <c>run</c> adds how to host its own dev silo;
/// <see cref="Verbose"/> is where --verbose copies the log of a dev silo the command hosts (null: its log file only).
/// </summary>
public sealed record ClusterTargetOptions(string? Cluster, string? StateDir, TimeSpan ConnectTimeout, EmbeddedSiloOptions? Embedded = null, TextWriter? Verbose = null)
{
    public const string EnvironmentVariable = "HYPERSWEEP_CLUSTER";

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(15);
}
