namespace HyperSweep.Grains.Journal;

/// <summary>What one <see cref="SweepJournalEntry"/> records.</summary>
public enum JournalEntryKind : byte
{
    /// <summary>A trial's row as it stands now (state, attempt, silo, reason, attempts, last/best values): the last one wins.</summary>
    Trial = 0,

    /// <summary>An objective value reported for an epoch (an entry of the search log).</summary>
    Report = 1,

    /// <summary>A trial's end and final value as the search was told it (an entry of the search log).</summary>
    Finish = 2,

    /// <summary>The sweep's own state, reason and finish time changed.</summary>
    Sweep = 3,

    /// <summary>An ask: a trial created with the parameters the sampler proposed (an entry of the search log).</summary>
    Created = 4,

    /// <summary>The scheduler paused a trial after an epoch (an entry of the search log).</summary>
    Paused = 5,

    /// <summary>The scheduler resumed a paused trial (an entry of the search log).</summary>
    Resumed = 6,

    /// <summary>A PBT exploitation: donor, epoch, parameters before and after (an entry of the search log).</summary>
    Exploited = 7,
}
