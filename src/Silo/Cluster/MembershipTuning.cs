using Orleans.Configuration;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// Membership settings for training clusters (docs/CLUSTER.md). Orleans' defaults aim at large clusters on flaky
/// cloud networks; training nodes are few and on one LAN, and a pre-empted node's trials should move quickly.
/// A kill -9'd silo refuses connections at once, so two missed 2-s probes from two peers declare it dead; a hung
/// one (SIGSTOP, cut link) costs the probe timeouts. Trials are long CPU work, never blocking calls, so a
/// loaded node still answers probes on its own thread pool.
/// </summary>
public static class MembershipTuning
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public const int MissedProbesLimit = 2;
    public const int VotesForDeath = 2;
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest a probe may wait once Orleans has adapted it to observed response times (its default is four times
    /// <see cref="ProbeTimeout"/>, 8 s here): a hung silo (SIGSTOP, a frozen VM) answers nothing, so two missed probes cost
    /// up to 2 × this before a vote. Measured here with the default: a SIGSTOPped silo declared dead after 17.7 s.
    /// </summary>
    public static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(3);

    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.MaxProbeTimeout = MaxProbeTimeout;
        // A loaded node (training on every core) must not stretch its probes of others: that is exactly when a hung
        // peer's trials should move. Votes are still suppressed while a connection shows the peer alive (Orleans'
        // connection liveness check), which keeps a busy but live silo from being declared dead.
        options.ExtendProbeTimeoutDuringDegradation = false;
        options.NumMissedProbesLimit = MissedProbesLimit;
        options.NumVotesForDeathDeclaration = VotesForDeath;
        options.TableRefreshTimeout = TableRefresh;
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        // A whole cluster restarted after a stop: old entries are cleaned up after an hour instead of a week.
        options.DefunctSiloExpiration = TimeSpan.FromHours(1);
    }
}
