namespace HyperSweep.Client.Connection;

/// <summary>
/// The connection options every cluster command has: <c>--cluster</c> (else <c>HYPERSWEEP_CLUSTER</c>; empty means
/// dev mode), <c>--state-dir</c> (dev mode only) and the connect timeout; <c>run</c> adds how to host its own dev silo;
/// <see cref="Verbose"/> is where --verbose copies the log of a dev silo the command hosts (null: its log file only).
/// <see cref="DevSiloStartTimeout"/> bounds the start of a dev silo the command hosts itself, when it differs from the
/// connect timeout (null: the connect timeout).
/// </summary>
public sealed record ClusterTargetOptions(
    string? Cluster, string? StateDir, TimeSpan ConnectTimeout, EmbeddedSiloOptions? Embedded = null, TextWriter? Verbose = null, TimeSpan? DevSiloStartTimeout = null)
{
    public const string EnvironmentVariable = "HYPERSWEEP_CLUSTER";

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a command waits, unless told (<c>--connect-timeout</c>), for the dev silo it starts in its own process:
    /// nothing is unreachable there, and on a busy login node or CI machine a start can take longer than a remote
    /// gateway is given to answer.
    /// </summary>
    public static readonly TimeSpan DefaultDevSiloStartTimeout = TimeSpan.FromMinutes(2);
}
