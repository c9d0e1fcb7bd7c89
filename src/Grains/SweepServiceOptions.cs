namespace HyperSweep.Grains;

/// <summary>Timing of the coordinator's housekeeping.</summary>
public sealed class SweepServiceOptions
{
    /// <summary>How often a sweep looks for trials on silos that left the cluster and dispatches waiting trials.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a sweep asks its running trials' grains whether their attempts are still training, which catches an
    /// attempt that vanished on a silo that stayed alive (membership only reports dead silos).
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one such probe may take before it is abandoned until the next round.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one dispatch waits for its trials' <c>Start</c>s, all rounds together (a healthy start returns at once); a
    /// start not answered by then counts as refused, and its trial waits for the next dispatch (a re-sent start of the
    /// same attempt is answered as already started if it did start). Also bounds each read when a coordinator catches up.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo wakes unfinished sweeps (after a restart, or when a coordinator's silo died).</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a trial may wait between retries of a call to its sweep before giving up (the coordinator may be moving).</summary>
    public TimeSpan ReportRetryBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Entries per segment of a coordinator's journal (see <see cref="Journal.SweepStore"/>): a coordinator write
    /// rewrites (re-serializes) the open segment, so this bounds its cost (at 1,024 the segment's serialization was
    /// ~5% of the service's CPU in the no-op benchmark); activation reads about (entries per trial x trials) / this
    /// many records, with 4-14 entries per trial (rows at create, start and end, one per epoch report, the end).
    /// </summary>
    public int JournalSegmentEntries { get; set; } = 256;
}
