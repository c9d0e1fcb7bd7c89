using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>
/// What a trial persists: its current attempt, its history, and its last checkpoint — taken after epoch
/// <see cref="CheckpointEpoch"/> and, for a mid-epoch one, after <see cref="CheckpointBatch"/> batches of the next epoch
/// — and how many of its attempts the hung-trial watchdog abandoned (<see cref="AbandonedAttempt"/> the latest, whose
/// late commits are refused).
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
    [Id(7)] public int CheckpointBatch { get; set; }
    [Id(8)] public int HungAttempts { get; set; }
    [Id(9)] public int AbandonedAttempt { get; set; }
}
