using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>Everything a coordinator persists: the spec text, the trial table, the sampler cursor and the pruning log.</summary>
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
    [Id(9)] public List<PruningLogEntry> PruningLog { get; set; } = [];

    /// <summary>The sweep span's W3C traceparent: trial attempts and a re-activated coordinator continue this trace.</summary>
    [Id(10)] public string? TraceParent { get; set; }
}
