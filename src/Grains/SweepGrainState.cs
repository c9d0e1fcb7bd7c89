using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>
/// The coordinator's state. In memory it holds everything (the trial table and the search log). In storage it is
/// the sweep's header only: <see cref="Journal.SweepStore"/> writes it with empty <see cref="Trials"/> and
/// <see cref="SearchLog"/> and keeps those in its journal. A stored state with <see cref="Layout"/> 0 is the old
/// single-record layout (whole table and <see cref="PruningLog"/> inside) and is migrated on activation.
/// </summary>
[GenerateSerializer, Alias("HyperSweep.SweepGrainState")]
public sealed class SweepGrainState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string SpecText { get; set; } = "";
    [Id(2)] public string SourceName { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(5)] public SweepState State { get; set; }
    [Id(6)] public string? Reason { get; set; }
    /// <summary>The sampler's cursor: trials 0..NextTrial-1 exist.</summary>
    [Id(7)] public int NextTrial { get; set; }
    [Id(8)] public List<TrialRecord> Trials { get; set; } = [];
    /// <summary>The old layout's pruning log (reports and ends; read only to migrate it).</summary>
    [Id(9)] public List<PruningLogEntry> PruningLog { get; set; } = [];

    /// <summary>The sweep span's W3C traceparent: trial attempts and a re-activated coordinator continue this trace.</summary>
    [Id(10)] public string? TraceParent { get; set; }

    /// <summary>0: everything in this one record (before the journal); 1: header only, trials and log in the journal.</summary>
    [Id(11)] public int Layout { get; set; }

    /// <summary>The folder the spec's relative data paths resolve against (null for sweeps stored before it was kept).</summary>
    [Id(12)] public string? BaseDirectory { get; set; }

    /// <summary>
    /// The search session's log (asks with their proposals, reports, ends), in order, as journal entries: after
    /// activation all of it (for the rebuild), then what was recorded since (the store writes and forgets those).
    /// </summary>
    [Id(13)] public List<Journal.SweepJournalEntry> SearchLog { get; set; } = [];
}
