namespace HyperSweep.Silo;

/// <summary>
/// The silo's configuration, section <c>HyperSweep</c> of appsettings.json, environment variables
/// (<c>HyperSweep__StateDir</c>) and the command line (<c>--HyperSweep:Slots=4</c>, or the short forms
/// <c>--state-dir</c>, <c>--slots</c>, <c>--mode</c>, <c>--redis</c>, <c>--advertised-address</c>; docs/CLUSTER.md).
/// </summary>
public sealed class HyperSweepSiloOptions
{
    public const string Section = "HyperSweep";

    public SiloMode Mode { get; set; } = SiloMode.Dev;

    /// <summary>Where dev mode keeps its SQLite state (default ~/.hypersweep).</summary>
    public string StateDir { get; set; } = DefaultStateDir();

    /// <summary>Trials this silo trains at once (default: its processor count).</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;

    public string ClusterId { get; set; } = "hypersweep-dev";

    public string ServiceId { get; set; } = "hypersweep";

    /// <summary>Silo-to-silo port; 0 picks a free port (an in-process dev silo).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port; 0 picks a free port.</summary>
    public int GatewayPort { get; set; } = 30000;

    public WorkloadKind Workload { get; set; } = WorkloadKind.Engine;

    /// <summary>
    /// The artifact store's root: checkpoints and kept models (docs/ARTIFACTS.md). Dev mode defaults to
    /// <c>&lt;StateDir&gt;/artifacts</c>; cluster mode requires a directory on a filesystem every node mounts at this path.
    /// </summary>
    public string? Artifacts { get; set; }

    /// <summary>The artifact root this silo uses: <see cref="Artifacts"/>, or the dev-mode default under the state directory.</summary>
    public string ArtifactRoot => ExpandHome(string.IsNullOrWhiteSpace(Artifacts) ? Path.Combine(StateDir, "artifacts") : Artifacts);

    /// <summary>When set, specs may name data files only under this directory (symlinks resolved); others are rejected at validation.</summary>
    public string? DataRoot { get; set; }

    /// <summary>Simulated time per epoch of the synthetic workload (cluster tests and benchmarks; 0 = none).</summary>
    public int SyntheticEpochMs { get; set; }

    /// <summary>Redis endpoint for cluster mode (host:port); required there.</summary>
    public string? Redis { get; set; }

    /// <summary>The Redis password (cluster mode); prefer the environment (HyperSweep__RedisPassword) to the command line.</summary>
    public string? RedisPassword { get; set; }

    /// <summary>How long start-up waits for Redis before failing with a message naming it.</summary>
    public TimeSpan RedisConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The address other nodes reach this silo on (cluster mode; nodes have several interfaces): an IP or a host name.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>TLS (cluster mode): this silo's certificate, PEM with <see cref="TlsKey"/> or PKCS#12; with <see cref="TlsCa"/> turns mutual TLS on.</summary>
    public string? TlsCertificate { get; set; }

    public string? TlsKey { get; set; }

    /// <summary>The cluster CA certificate (PEM) every silo's and client's certificate must chain to.</summary>
    public string? TlsCa { get; set; }

    /// <summary>Listen on every interface instead of only the advertised address (cluster mode).</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>Serve the web dashboard on this address (host:port, e.g. 127.0.0.1:8080); null: no dashboard (docs/DASHBOARD.md).</summary>
    public string? Dashboard { get; set; }

    /// <summary>The dashboard's control token; prefer the environment (HyperSweep__DashboardToken or HYPERSWEEP_DASHBOARD_TOKEN). Generated and printed when unset in cluster mode.</summary>
    public string? DashboardToken { get; set; }

    /// <summary>HTTPS for the dashboard: a certificate (PEM with <see cref="DashboardCertificateKey"/>, or PKCS#12).</summary>
    public string? DashboardCertificate { get; set; }

    public string? DashboardCertificateKey { get; set; }

    /// <summary>
    /// Registers Orleans' dashboard services on this silo (grain call statistics; what /orleans shows, also for a
    /// dashboard hosted by <c>hypersweep dashboard</c> elsewhere). Its profiler only runs while someone looks at /orleans.
    /// </summary>
    public bool OrleansDashboard { get; set; } = true;

    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromSeconds(5);

    public string StateDatabasePath => Path.Combine(ExpandHome(StateDir), "state.db");

    public static string DefaultStateDir() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".hypersweep");

    public static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
