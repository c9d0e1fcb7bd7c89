namespace HyperSweep.Grains.Workloads;

/// <summary>
/// How an attempt ended: it trained to its end, or the epoch callback stopped it; the last epoch reached; a
/// failure the training reported as an outcome (e.g. "diverged at epoch 3"); and a note on a normal end
/// (e.g. the trainer's early stopping). <see cref="Preempted"/>: it stopped at a batch boundary because the host asked
/// (<see cref="ITrialBatchControl.StopRequested"/>), after committing its checkpoint there; the trial is not over.
/// </summary>
public sealed record TrialWorkloadResult(bool StoppedByCallback, int LastEpoch, string? FailureReason = null, string? Note = null, bool Preempted = false);
