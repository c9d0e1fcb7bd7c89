namespace HyperSweep.Grains;

/// <summary>Timing of the coordinator's housekeeping.</summary>
public sealed class SweepServiceOptions
{
    /// <summary>How often a sweep looks for trials on silos that left the cluster and dispatches waiting trials.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each silo wakes unfinished sweeps (after a restart, or when a coordinator's silo died).</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a trial may wait between retries of a call to its sweep before giving up (the coordinator may be moving).</summary>
    public TimeSpan ReportRetryBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Entries per segment of a coordinator's journal (see <see cref="Journal.SweepStore"/>): a coordinator write
    /// rewrites at most one segment, so this bounds its cost; activation reads trials x ~14 / this many records.
    /// </summary>
    public int JournalSegmentEntries { get; set; } = 1024;
}
