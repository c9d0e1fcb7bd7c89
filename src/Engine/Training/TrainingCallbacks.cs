using HyperSweep.Search;
namespace HyperSweep.Engine.Training;

/// <summary>
/// Hooks into a training run, all optional. Per epoch, in this order: <see cref="OnCheckpoint"/> receives
/// the state after the epoch (so a trial can resume from it), then <see cref="OnEpochEnd"/> receives the
/// metrics and answers <see cref="EpochDecision.Continue"/> or <see cref="EpochDecision.Stop"/> (the
/// pruner's hook; a stop ends the run as <see cref="TrialState.Pruned"/>). <see cref="OnBatch"/> is
/// called after every training batch, synchronously, so keep it cheap; then <see cref="AfterBatch"/> says whether to
/// take a mid-epoch checkpoint (handed to <see cref="OnBatchCheckpoint"/> with the position it was taken at) and
/// whether to stop there (a preemption: the run ends as <see cref="TrialState.Cancelled"/> with
/// <see cref="TrainingResult.StoppedAt"/> set, and a run resumed from that checkpoint continues with the next batch,
/// bit for bit as if never stopped).
/// </summary>
public sealed record TrainingCallbacks(
    Func<EpochMetrics, CancellationToken, ValueTask<EpochDecision>>? OnEpochEnd = null,
    Action<BatchProgress>? OnBatch = null,
    Func<int, byte[], CancellationToken, ValueTask>? OnCheckpoint = null,
    Func<BatchProgress, BatchAction>? AfterBatch = null,
    Func<BatchProgress, byte[], CancellationToken, ValueTask>? OnBatchCheckpoint = null);
