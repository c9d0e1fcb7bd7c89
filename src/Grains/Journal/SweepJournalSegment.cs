namespace HyperSweep.Grains.Journal;

/// <summary>
/// A fixed-size run of journal entries, stored as its own storage record. Only the newest (open) segment is
/// ever rewritten, so the cost of a coordinator write is bounded by the segment size, not by the sweep.
/// </summary>
[GenerateSerializer, Alias("HyperSweep.SweepJournalSegment")]
public sealed class SweepJournalSegment
{
    [Id(0)] public List<SweepJournalEntry> Entries { get; set; } = [];
}
