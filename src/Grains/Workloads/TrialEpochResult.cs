namespace HyperSweep.Grains.Workloads;

/// <summary>One finished epoch (1-based): its metrics by CONTRACTS.md name and a checkpoint to resume after it.</summary>
public sealed record TrialEpochResult(int Epoch, IReadOnlyDictionary<string, double> Metrics, byte[]? Checkpoint);
