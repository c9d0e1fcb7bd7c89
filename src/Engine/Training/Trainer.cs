using HyperSweep.Search;
using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// Trains one model: epochs of optimizer steps over <see cref="IBatchSource"/> batches, validation after
/// each epoch, early stopping, learning-rate decay on plateau, divergence detection, cancellation, and
/// checkpoints that resume bit-identically, at an epoch boundary or after any batch (a host asks for those through
/// <see cref="TrainingCallbacks.AfterBatch"/>: to bound what a crash loses, or to stop for a preemption). Deterministic:
/// epoch k's data order comes from a generator derived from (seed, k) and batch b's dropout from one derived from
/// (seed, k, b), so a run resumed after batch b needs no generator state to continue exactly as the uninterrupted run.
/// </summary>
public sealed partial class Trainer
{
    private const int ShuffleStream = 1;
    private const int DropoutStream = 2;

    private readonly IModel _model;
    private readonly Optimizer _optimizer;
    private readonly IBatchSource _data;
    private readonly TrainerOptions _options;
    private readonly ImprovementTracker _best;
    private readonly ImprovementTracker _plateau;
    private readonly List<EpochMetrics> _history = [];
    private float[][]? _bestWeights;
    private MidEpochState? _resumeAt; // from a mid-epoch checkpoint: where the next epoch continues

    public Trainer(IModel model, Optimizer optimizer, IBatchSource data, TrainerOptions options)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _best = new ImprovementTracker(options.Objective, options.EarlyStopping?.MinDelta ?? 0);
        _plateau = new ImprovementTracker(options.Objective);
    }

    /// <summary>Epochs finished so far (including those restored from a checkpoint).</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>Metrics of every finished epoch.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;

    public IModel Model => _model;

    /// <summary>
    /// Trains until the epoch budget, early stopping, a stop from <see cref="TrainingCallbacks.OnEpochEnd"/>,
    /// divergence or cancellation. Never throws for those; the result says which happened.
    /// A resumed trainer (see <see cref="LoadCheckpoint"/>) continues after its last finished epoch.
    /// </summary>
    public async Task<TrainingResult> RunAsync(TrainingCallbacks? callbacks = null, CancellationToken cancellationToken = default)
    {
        callbacks ??= new TrainingCallbacks();
        for (var epoch = CompletedEpochs + 1; epoch <= _options.MaxEpochs; epoch++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Finish(TrialState.Cancelled, $"cancelled before epoch {epoch}");
            }

            var learningRate = _optimizer.LearningRate;
            var (trainLoss, stoppedAt) = await TrainEpochAsync(epoch, callbacks, cancellationToken).ConfigureAwait(false);
            if (stoppedAt is not null)
            {
                return Finish(TrialState.Cancelled, $"stopped after batch {stoppedAt.Batch} of {stoppedAt.BatchCount} of epoch {epoch} (checkpointed)", stoppedAt);
            }

            if (trainLoss is null)
            {
                return Finish(TrialState.Cancelled, $"cancelled during epoch {epoch}");
            }

            if (!double.IsFinite(trainLoss.Value))
            {
                return Finish(TrialState.Failed, $"diverged at epoch {epoch}");
            }

            var sums = Evaluate();
            if (!double.IsFinite(sums.MeanLoss))
            {
                return Finish(TrialState.Failed, $"diverged at epoch {epoch}");
            }

            var metrics = MakeMetrics(epoch, trainLoss.Value, sums, learningRate);
            if (_options.RecordGradients)
            {
                metrics = metrics with { Gradients = Analysis.GradientProbe.Measure(_model, _data.ValidationBatches()[0]) };
            }

            _history.Add(metrics);
            CompletedEpochs = epoch;
            AfterEpoch(metrics);

            if (callbacks.OnCheckpoint is { } onCheckpoint)
            {
                await onCheckpoint(epoch, CheckpointBytes(), cancellationToken).ConfigureAwait(false);
            }

            if (callbacks.OnEpochEnd is { } onEpochEnd
                && await onEpochEnd(metrics, cancellationToken).ConfigureAwait(false) == EpochDecision.Stop)
            {
                return Finish(TrialState.Pruned, $"stopped by the epoch callback after epoch {epoch}");
            }

            if (_options.EarlyStopping is { } early && _best.EpochsWithoutImprovement >= Math.Max(1, early.Patience))
            {
                return Finish(
                    TrialState.Completed,
                    $"early stopping after epoch {epoch}: {_options.Objective.Metric} has not improved since epoch {_best.BestEpoch}");
            }
        }

        return Finish(TrialState.Completed, null);
    }

    /// <summary>Evaluates the model on the validation batches: loss sum, count and correct predictions.</summary>
    public EvaluationSums Evaluate() => Packaging.ModelEvaluator.Sum(_model, _data.ValidationBatches());

    /// <summary>
    /// One epoch of optimizer steps, continuing after the batch a mid-epoch checkpoint was taken at when it resumes from
    /// one. Returns the epoch's mean training loss (NaN when it diverged), or null when cancelled, or the batch it stopped
    /// after when the host asked it to (<see cref="BatchAction.CheckpointAndStop"/>). A checkpoint may be taken after the
    /// last batch too: a run resumed from it skips to the epoch's validation.
    /// </summary>
    private async ValueTask<(double? Loss, BatchProgress? StoppedAt)> TrainEpochAsync(int epoch, TrainingCallbacks callbacks, CancellationToken cancellationToken)
    {
        _model.ResetState();
        var batches = _data.TrainingBatches(SeedMixer.Generator(_options.Seed, ShuffleStream, epoch));
        double lossSum = 0;
        double weightSum = 0;
        var first = 0;
        if (_resumeAt is { } resume)
        {
            _resumeAt = null;
            (first, lossSum, weightSum) = (resume.BatchesDone, resume.LossSum, resume.WeightSum);
            if (_model is ICarriesState carrier)
            {
                carrier.State = resume.Carried;
            }
        }

        for (var i = first; i < batches.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return (null, null);
            }

            var batch = batches[i];
            _optimizer.ZeroGrad();
            var loss = _model.Loss(batch, SeedMixer.Generator(_options.Seed, DropoutStream, epoch, i + 1));
            var value = loss.Item();
            if (!float.IsFinite(value))
            {
                return (double.NaN, null);
            }

            loss.Backward();
            _optimizer.Step();
            if (!double.IsFinite(_optimizer.LastGradientNorm))
            {
                return (double.NaN, null);
            }

            var weight = Weight(batch);
            lossSum += value * weight;
            weightSum += weight;
            var progress = new BatchProgress(epoch, i + 1, batches.Count, value, weight);
            callbacks.OnBatch?.Invoke(progress);
            var action = callbacks.AfterBatch?.Invoke(progress) ?? BatchAction.Continue;
            // A periodic checkpoint after the last batch would be followed at once by the epoch's own.
            if (action == BatchAction.CheckpointAndStop || (action == BatchAction.Checkpoint && i + 1 < batches.Count))
            {
                if (callbacks.OnBatchCheckpoint is { } onBatchCheckpoint)
                {
                    var bytes = CheckpointBytes(new MidEpochState(i + 1, lossSum, weightSum, (_model as ICarriesState)?.State));
                    await onBatchCheckpoint(progress, bytes, cancellationToken).ConfigureAwait(false);
                }

                if (action == BatchAction.CheckpointAndStop)
                {
                    return (null, progress);
                }
            }
        }

        return (lossSum / weightSum, null);
    }

    /// <summary>How many targets a batch's mean loss averages over, to average losses over an epoch.</summary>
    private static double Weight(ModelBatch batch)
    {
        if (batch.Targets is null)
        {
            return batch.BatchSize;
        }

        double sum = 0;
        foreach (var m in batch.Mask)
        {
            sum += m;
        }

        return sum;
    }

    private EpochMetrics MakeMetrics(int epoch, double trainLoss, EvaluationSums sums, float learningRate)
    {
        var languageModel = _data.Kind == TaskKind.LanguageModel;
        return new EpochMetrics(
            epoch,
            trainLoss,
            sums.MeanLoss,
            languageModel ? null : sums.Accuracy,
            languageModel ? sums.Perplexity : null,
            learningRate);
    }

    private void AfterEpoch(EpochMetrics metrics)
    {
        var value = metrics.Get(_options.Objective.Metric)
            ?? throw new EngineException($"objective.metric: this task has no metric '{_options.Objective.Metric}'");
        if (_best.Observe(metrics.Epoch, value) && _options.EarlyStopping is { RestoreBestWeights: true })
        {
            SaveBestWeights();
        }

        if (_options.LrDecay < 1)
        {
            _plateau.Observe(metrics.Epoch, value);
            if (_plateau.EpochsWithoutImprovement > _options.LrPatience)
            {
                _optimizer.LearningRate = (float)(_optimizer.LearningRate * _options.LrDecay);
                _plateau.ResetPatience();
            }
        }
    }

    /// <summary>
    /// Copies the weights into the arrays kept from the previous best epoch (the model's shapes do not change): a fresh
    /// copy at every improvement was a large-object-heap allocation of the model's size each time.
    /// </summary>
    private void SaveBestWeights()
    {
        var parameters = _model.Parameters;
        if (_bestWeights is null)
        {
            _bestWeights = [.. parameters.Select(p => (float[])p.Data.Clone())];
            return;
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i].Data.CopyTo(_bestWeights[i], 0);
        }
    }

    private TrainingResult Finish(TrialState outcome, string? reason, BatchProgress? stoppedAt = null)
    {
        if (outcome == TrialState.Completed && _bestWeights is not null)
        {
            var parameters = _model.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                _bestWeights[i].CopyTo(parameters[i].Data, 0);
            }
        }

        return new TrainingResult(outcome, reason, [.. _history], _best.BestEpoch, _best.Best, stoppedAt);
    }
}
