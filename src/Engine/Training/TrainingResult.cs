using HyperSweep.Search;
namespace HyperSweep.Engine.Training;

/// <summary>
/// The result of a training run: outcome (Completed, Pruned, Failed or Cancelled), a reason when it did not simply run to its epoch budget
/// ("diverged at epoch 3", "early stopping: no improvement for 2 epochs", "pruned at epoch 4"), every
/// epoch's metrics (including epochs done before a resume), and the best epoch by the objective. A run stopped at a
/// batch boundary by its host (<see cref="BatchAction.CheckpointAndStop"/>) is Cancelled with <see cref="StoppedAt"/>
/// the batch its last checkpoint was taken after.
/// </summary>
public sealed record TrainingResult(
    TrialState Outcome,
    string? Reason,
    IReadOnlyList<EpochMetrics> Epochs,
    int? BestEpoch,
    double? BestValue,
    BatchProgress? StoppedAt = null)
{
    public EpochMetrics? Best => BestEpoch is { } epoch ? Epochs.FirstOrDefault(metrics => metrics.Epoch == epoch) : null;
}
