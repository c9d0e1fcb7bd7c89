using System.ComponentModel;

namespace HyperSweep.Silo;

/// <summary>
/// The silo's configuration, section <c>HyperSweep</c> of appsettings.json, environment variables
/// (<c>HyperSweep__StateDir</c>) and the command line (<c>--state-dir DIR</c>, or <c>--HyperSweep:StateDir=DIR</c>).
/// Each property is one setting: its <see cref="DescriptionAttribute"/> is its line in <c>hypersweep-silo --help</c>, and
/// its switch is its name in kebab case (<see cref="Settings.SiloSettings"/>); a new setting needs nothing else.
/// </summary>
public sealed class HyperSweepSiloOptions
{
    public const string Section = "HyperSweep";

    [Description("dev: one machine, localhost clustering, state in SQLite under the state directory; cluster: several nodes on Redis.")]
    public SiloMode Mode { get; set; } = SiloMode.Dev;

    [Description("Where the logs live (logs/) and, in dev mode, the SQLite state and the gateway file; in cluster mode the cluster generation this node last saw (default: ~/.hypersweep, the shared home on a batch cluster).")]
    public string StateDir { get; set; } = DefaultStateDir();

    [Description("Trials this silo trains at once (default: its processor count).")]
    public int Slots { get; set; } = Environment.ProcessorCount;

    [Description("The Orleans cluster id: silos and clients with the same id form one cluster.")]
    public string ClusterId { get; set; } = "hypersweep-dev";

    [Description("The Orleans service id (kept across cluster restarts: grain state is keyed by it).")]
    public string ServiceId { get; set; } = "hypersweep";

    [Description("Silo-to-silo port; 0 picks a free port (dev mode only).")]
    public int SiloPort { get; set; } = 11111;

    [Description("Client gateway port (what the CLI connects to); 0 picks a free port (dev mode only).")]
    public int GatewayPort { get; set; } = 30000;

    [Description("engine trains real models; synthetic runs made-up curves (tests and service benchmarks).")]
    public WorkloadKind Workload { get; set; } = WorkloadKind.Engine;

    [Description("The artifact store's root: checkpoints and kept models (docs/ARTIFACTS.md). Dev mode defaults to <state-dir>/artifacts; cluster mode requires a directory every node mounts at this path.")]
    public string? Artifacts { get; set; }

    /// <summary>The artifact root this silo uses: <see cref="Artifacts"/>, or the dev-mode default under the state directory.</summary>
    public string ArtifactRoot => ExpandHome(string.IsNullOrWhiteSpace(Artifacts) ? Path.Combine(StateDir, "artifacts") : Artifacts);

    [Description("When set, specs may name data files only under this directory (symlinks resolved); others are refused at validation.")]
    public string? DataRoot { get; set; }

    [Description("Simulated time per epoch of the synthetic workload, in milliseconds (tests and benchmarks; 0 = none).")]
    public int SyntheticEpochMs { get; set; }

    [Description("Cluster mode: the Redis server holding membership, grain state and reminders (host:port); required there.")]
    public string? Redis { get; set; }

    [Description("Cluster mode: the Redis password; give it through the environment (HyperSweep__RedisPassword), not the command line.")]
    public string? RedisPassword { get; set; }

    [Description("Cluster mode: a Redis 6+ ACL user to authenticate as, with the Redis password (default: the default user, requirepass).")]
    public string? RedisUser { get; set; }

    // Refused by default because silo-to-silo and client traffic (every sweep and its data paths) would cross the
    // network unencrypted and unauthenticated (docs/CLUSTER.md, "Security").
    [Description("Cluster mode: allow running without TLS on an address other nodes can reach (anything but loopback); refused otherwise. A bare --insecure means true.")]
    public bool Insecure { get; set; }

    [Description("How long start-up waits for Redis before failing with a message naming it.")]
    public TimeSpan RedisConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Description("Cluster mode: the address other nodes reach this silo on (nodes have several interfaces): an IP or a host name; required there.")]
    public string? AdvertisedAddress { get; set; }

    [Description("Cluster mode TLS: this silo's certificate (PEM with --tls-key, or PKCS#12); with --tls-ca turns mutual TLS on.")]
    public string? TlsCertificate { get; set; }

    [Description("Cluster mode TLS: the PEM private key of --tls-certificate.")]
    public string? TlsKey { get; set; }

    [Description("Cluster mode TLS: the cluster CA certificate (PEM) every silo's and client's certificate must chain to.")]
    public string? TlsCa { get; set; }

    [Description("Cluster mode: listen on every interface instead of only the advertised address.")]
    public bool ListenOnAnyAddress { get; set; }

    // Default 40 s: inside Slurm's --signal=TERM@60 with room for the silo's own stop; trials still going then resume
    // from their last checkpoint.
    [Description("On SIGTERM (an operator, scancel, a batch system's preemption or time limit), how long running trials get to checkpoint at their next batch boundary and hand themselves back before the silo leaves anyway.")]
    public TimeSpan PreemptionGrace { get; set; } = TimeSpan.FromSeconds(40);

    // Each costs one checkpoint write (the model and optimizer state, docs/CLUSTER.md).
    [Description("A mid-epoch checkpoint at the first batch boundary this long after the trial's last checkpoint (0 = at epoch ends only): what a kill -9 or a lost node can cost a trial.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(10);

    [Description("A mid-epoch checkpoint every this many training batches as well (0 = none by count).")]
    public int CheckpointIntervalBatches { get; set; }

    [Description("A trial whose training shows no progress (no batch, no epoch) for this long is abandoned and retried from its checkpoint (0 = never).")]
    public TimeSpan HungTrialTimeout { get; set; } = TimeSpan.FromMinutes(15);

    [Description("How many times a trial that hung is retried before it fails.")]
    public int HungTrialRetries { get; set; } = 2;

    // Without it a silo refuses to start on an emptied store (exit 3), so a lost store is never papered over.
    [Description("Cluster mode: start a new, empty cluster generation on a Redis that lost this cluster's data (docs/CLUSTER.md, \"When Redis loses its data\"). A bare --new-generation means true.")]
    public bool NewGeneration { get; set; }

    [Description("Cluster mode: how often a silo checks that Redis still holds the cluster's generation.")]
    public TimeSpan StoreCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Description("Serve the web dashboard on this address (host:port, e.g. 127.0.0.1:8080); unset: no dashboard (docs/DASHBOARD.md).")]
    public string? Dashboard { get; set; }

    [Description("The dashboard's control token (or HYPERSWEEP_DASHBOARD_TOKEN); give it through the environment. Generated and printed when unset in cluster mode.")]
    public string? DashboardToken { get; set; }

    [Description("HTTPS for the dashboard: a certificate (PEM with --dashboard-certificate-key, or PKCS#12); --dashboard-cert also works.")]
    public string? DashboardCertificate { get; set; }

    [Description("The PEM private key of --dashboard-certificate (--dashboard-cert-key also works).")]
    public string? DashboardCertificateKey { get; set; }

    /// <remarks>Its profiler only runs while someone looks at /orleans.</remarks>
    [Description("Register Orleans' dashboard services (grain call statistics: what the dashboard's /orleans shows, also for a dashboard hosted elsewhere).")]
    public bool OrleansDashboard { get; set; } = true;

    [Description("How often each sweep's coordinator checks its running trials and dispatches queued ones.")]
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Description("How often the silo wakes unfinished sweeps (after a restart or a silo loss).")]
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromSeconds(5);

    public string StateDatabasePath => Path.Combine(ExpandHome(StateDir), "state.db");

    public static string DefaultStateDir() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".hypersweep");

    public static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
