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

    /// <summary>When set, specs may name data files only under this directory (symlinks resolved); others are rejected at validation.</summary>
    public string? DataRoot { get; set; }

    /// <summary>Simulated time per epoch of the synthetic workload (cluster tests and benchmarks; 0 = none).</summary>
    public int SyntheticEpochMs { get; set; }

    /// <summary>Redis endpoint for cluster mode (host:port); required there.</summary>
    public string? Redis { get; set; }

    /// <summary>The Redis password (cluster mode); prefer the environment (HyperSweep__RedisPassword) to the command line.</summary>
    public string? RedisPassword { get; set; }

    /// <summary>A Redis 6+ ACL user to authenticate as, with <see cref="RedisPassword"/> (default: the default user, <c>requirepass</c>).</summary>
    public string? RedisUser { get; set; }

    /// <summary>
    /// Cluster mode without TLS on an address other nodes can reach (anything but loopback): refused unless this is set,
    /// because silo-to-silo and client traffic (every sweep and its data paths) would cross the network unencrypted and
    /// unauthenticated (docs/CLUSTER.md, "Security"). <c>--insecure</c> on the command line.
    /// </summary>
    public bool Insecure { get; set; }

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

    /// <summary>
    /// On SIGTERM (an operator, <c>scancel</c>, a batch system's preemption or time limit), how long running trials get to
    /// checkpoint at their next batch boundary and hand themselves back before the silo leaves anyway (default 40 s:
    /// inside Slurm's <c>--signal=TERM@60</c> with room for the silo's own stop; trials still going then resume from
    /// their last checkpoint).
    /// </summary>
    public TimeSpan PreemptionGrace { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// A mid-epoch checkpoint at the first batch boundary this long after the trial's last checkpoint (default 10 min;
    /// 0 = at epoch ends only): what a kill -9 or a lost node can cost a trial. Each costs one checkpoint write (the
    /// model and optimizer state, docs/CLUSTER.md).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A mid-epoch checkpoint every this many training batches as well (default 0 = none by count).</summary>
    public int CheckpointIntervalBatches { get; set; }

    /// <summary>A trial whose training shows no progress (no batch, no epoch) for this long is abandoned and retried from its checkpoint (default 15 min; 0 = never).</summary>
    public TimeSpan HungTrialTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many times a trial that hung is retried before it fails (default 2).</summary>
    public int HungTrialRetries { get; set; } = 2;

    /// <summary>
    /// Cluster mode: start a new, empty cluster generation on a Redis that lost this cluster's data (docs/CLUSTER.md,
    /// "When Redis loses its data"); without it a silo refuses to start there (exit 3), so a lost store is never papered over.
    /// </summary>
    public bool NewGeneration { get; set; }

    /// <summary>Cluster mode: how often a silo checks that Redis still holds the cluster's generation (default 5 s).</summary>
    public TimeSpan StoreCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

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
