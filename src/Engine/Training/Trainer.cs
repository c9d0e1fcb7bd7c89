using HyperSweep.Search;
using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// Trains one model: epochs of optimizer steps over <see cref="IBatchSource"/> batches, validation after
/// each epoch, early stopping, learning-rate decay on plateau, divergence detection, cancellation, and
/// checkpoints that resume bit-identically. Deterministic: epoch k's data order and dropout come from
/// generators derived from (seed, k). (Over 300 lines: the loop and its checkpoint save, restore and PBT adoption stay in
/// one file because a checkpoint must capture exactly the state the loop carries between epochs.)
/// </summary>
public sealed class Trainer
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
            var trainLoss = TrainEpoch(epoch, callbacks.OnBatch, cancellationToken);
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

    /// <summary>Writes the state after the last finished epoch (see <see cref="CheckpointFormat"/>).</summary>
    public void SaveCheckpoint(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckpointFormat.Write(stream, new TrainerState(
            _options.Seed,
            CompletedEpochs,
            _optimizer.LearningRate,
            _optimizer.StepCount,
            TrackerState.Of(_best),
            TrackerState.Of(_plateau),
            [.. _history],
            [.. _model.Parameters.Select(p => (p.Name, p.Data))],
            _optimizer.State,
            _bestWeights));
    }

    /// <summary>The checkpoint as bytes.</summary>
    public byte[] CheckpointBytes()
    {
        using var memory = new MemoryStream();
        SaveCheckpoint(memory);
        return memory.ToArray();
    }

    /// <summary>
    /// Restores a checkpoint written by a trainer of the same model, optimizer and seed; a mismatch
    /// (parameter names or sizes, optimizer buffers, seed) throws naming what differs.
    /// </summary>
    public void LoadCheckpoint(Stream stream) => Restore(stream, adopt: false);

    /// <summary>
    /// Continues from ANOTHER trial's checkpoint with this trainer's own hyper-parameters (PBT's exploit): the weights,
    /// optimizer buffers and step count, trackers, history and epoch count are the checkpoint's, and everything this
    /// trainer was built with applies on top of them — its learning rate (a plain resume restores the checkpoint's,
    /// which a plateau may have decayed), and, through the model and optimizer it was built with, its dropout, weight
    /// decay, momentum and clipping. The same fit checks as <see cref="LoadCheckpoint"/> apply; the seed must match too,
    /// which it does between trials of one sweep (they all train from the spec's seed).
    /// </summary>
    public void AdoptCheckpoint(Stream stream) => Restore(stream, adopt: true);

    private void Restore(Stream stream, bool adopt)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = CheckpointFormat.Read(stream);
        if (state.Seed != _options.Seed)
        {
            throw new EngineException($"checkpoint: made with seed {state.Seed}, but this run has seed {_options.Seed}");
        }

        var parameters = _model.Parameters;
        if (state.Parameters.Count != parameters.Count)
        {
            throw new EngineException($"checkpoint: holds {state.Parameters.Count} parameters, the model has {parameters.Count}");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var (name, values) = state.Parameters[i];
            if (name != parameters[i].Name || values.Length != parameters[i].Size)
            {
                throw new EngineException(
                    $"checkpoint: parameter {i} is '{name}' with {values.Length} values, the model's is '{parameters[i].Name}' with {parameters[i].Size}");
            }
        }

        var buffers = _optimizer.State;
        if (state.OptimizerState.Count != buffers.Count
            || state.OptimizerState.Zip(buffers).Any(pair => pair.First.Length != pair.Second.Length))
        {
            throw new EngineException($"checkpoint: its {state.OptimizerState.Count} optimizer buffers do not fit this optimizer's {buffers.Count}; was it made with another optimizer?");
        }

        if (state.BestWeights is { } best && (best.Count != parameters.Count || best.Where((w, i) => w.Length != parameters[i].Size).Any()))
        {
            throw new EngineException("checkpoint: its best weights do not fit the model's parameters");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            state.Parameters[i].Values.CopyTo(parameters[i].Data, 0);
        }

        for (var i = 0; i < buffers.Count; i++)
        {
            state.OptimizerState[i].CopyTo(buffers[i], 0);
        }

        if (!adopt)
        {
            _optimizer.LearningRate = state.LearningRate;
        }

        _optimizer.StepCount = state.OptimizerSteps;
        state.Best.ApplyTo(_best);
        state.Plateau.ApplyTo(_plateau);
        _history.Clear();
        _history.AddRange(state.History);
        _bestWeights = state.BestWeights is null ? null : [.. state.BestWeights];
        CompletedEpochs = state.CompletedEpochs;
        _model.ResetState();
    }

    private double? TrainEpoch(int epoch, Action<BatchProgress>? onBatch, CancellationToken cancellationToken)
    {
        _model.ResetState();
        var batches = _data.TrainingBatches(SeedMixer.Generator(_options.Seed, ShuffleStream, epoch));
        var dropout = SeedMixer.Generator(_options.Seed, DropoutStream, epoch);
        double lossSum = 0;
        double weightSum = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            var batch = batches[i];
            _optimizer.ZeroGrad();
            var loss = _model.Loss(batch, dropout);
            var value = loss.Item();
            if (!float.IsFinite(value))
            {
                return double.NaN;
            }

            loss.Backward();
            _optimizer.Step();
            if (!double.IsFinite(_optimizer.LastGradientNorm))
            {
                return double.NaN;
            }

            var weight = Weight(batch);
            lossSum += value * weight;
            weightSum += weight;
            onBatch?.Invoke(new BatchProgress(epoch, i + 1, batches.Count, value, weight));
        }

        return lossSum / weightSum;
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
            _bestWeights = [.. _model.Parameters.Select(p => (float[])p.Data.Clone())];
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

    private TrainingResult Finish(TrialState outcome, string? reason)
    {
        if (outcome == TrialState.Completed && _bestWeights is not null)
        {
            var parameters = _model.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                _bestWeights[i].CopyTo(parameters[i].Data, 0);
            }
        }

        return new TrainingResult(outcome, reason, [.. _history], _best.BestEpoch, _best.Best);
    }
}
