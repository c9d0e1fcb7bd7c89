namespace HyperSweep.Grains.Workloads;

/// <summary>
/// How an attempt ended: it trained to its end, or the epoch callback stopped it; the last epoch reached; a
/// failure the training reported as an outcome (e.g. "diverged at epoch 3"); and a note on a normal end
/// (e.g. the trainer's early stopping).
/// </summary>
public sealed record TrialWorkloadResult(bool StoppedByCallback, int LastEpoch, string? FailureReason = null, string? Note = null);
