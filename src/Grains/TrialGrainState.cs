using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>
/// What a trial persists: its current attempt, its history, and the checkpoint after its last epoch — its own, or, after
/// a PBT exploitation, the one it adopted from <see cref="AdoptedFrom"/> (its next attempt applies its own
/// hyper-parameters on top; the first epoch it commits makes the checkpoint its own again).
/// </summary>
[GenerateSerializer, Alias("HyperSweep.TrialGrainState")]
public sealed class TrialGrainState
{
    [Id(0)] public TrialAssignment? Assignment { get; set; }
    [Id(1)] public int Attempt { get; set; }
    [Id(2)] public List<EpochMetrics> History { get; set; } = [];
    [Id(3)] public byte[]? Checkpoint { get; set; }
    [Id(4)] public int CheckpointEpoch { get; set; }
    [Id(5)] public TrialState State { get; set; } = TrialState.Pending;
    [Id(6)] public string? Reason { get; set; }
    [Id(30)] public int? AdoptedFrom { get; set; }
}
