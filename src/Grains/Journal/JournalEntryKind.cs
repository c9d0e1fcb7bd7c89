namespace HyperSweep.Grains.Journal;

/// <summary>What one <see cref="SweepJournalEntry"/> records.</summary>
public enum JournalEntryKind : byte
{
    /// <summary>A trial's row as it stands now (state, attempt, silo, reason, attempts, last/best values): the last one wins.</summary>
    Trial = 0,

    /// <summary>An objective value the pruner was given (an entry of the pruning log).</summary>
    Report = 1,

    /// <summary>A trial's end as the pruner was told it (an entry of the pruning log).</summary>
    Finish = 2,

    /// <summary>The sweep's own state, reason and finish time changed.</summary>
    Sweep = 3,

    /// <summary>A trial was created with the parameters the sampler proposed (written once, before its first row).</summary>
    Created = 4,
}
