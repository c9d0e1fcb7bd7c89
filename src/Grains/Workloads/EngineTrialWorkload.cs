using HyperSweep.Contracts;
using HyperSweep.Engine.Packaging;
using HyperSweep.Search;
using HyperSweep.Engine.Schema;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Workloads;

/// <summary>
/// Real training: the Engine's <see cref="TrialRunner"/> with the task, hyper-parameters, seed, budget and
/// early stopping of the request, resumed from its checkpoint when there is one. Task data is shared between
/// trials of this silo through the Engine's cache (every trial of a sweep trains on the same data). The
/// runner's callbacks are adapted to <see cref="ITrialWorkload"/>'s: the checkpoint of an epoch is handed over
/// with that epoch's metrics, a false answer stops the run, and after every batch the host's
/// <see cref="ITrialBatchControl"/> decides whether the trainer takes a mid-epoch checkpoint (and stops there). Kept
/// trials are packaged as model files (<see cref="ModelPackager"/>) and scored on the test split by the Engine's own
/// evaluation.
/// </summary>
public sealed class EngineTrialWorkload : ITrialWorkload
{
    public ISweepSchema Schema => EngineSchema.Instance;

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation) =>
        Run(request, onEpoch, NoBatchControl.Instance, cancellation);

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, ITrialBatchControl batches, CancellationToken cancellation)
    {
        var trialRequest = new TrialRequest(
            request.Task,
            request.Parameters.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            unchecked((int)request.Seed),
            request.MaxEpochs,
            request.Objective,
            request.EarlyStoppingPatience is { } patience ? new EarlyStoppingOptions(patience, request.EarlyStoppingMinDelta) : null,
            request.BaseDirectory,
            request.ResumeCheckpoint,
            request.RecordGradients,
            request.AdoptCheckpoint);

        byte[]? checkpoint = null;
        var stopped = false;
        double itemsThisEpoch = 0;   // examples or tokens trained since the last epoch end, for throughput telemetry
        var callbacks = new TrainingCallbacks(
            OnEpochEnd: (metrics, _) =>
            {
                var gradients = metrics.Gradients is { } g ? new GradientRecord(metrics.Epoch, g.Cell, [.. g.Layers.Select(l => l.ToArray())]) : null;
                var go = onEpoch(new TrialEpochResult(metrics.Epoch, metrics.ToDictionary(), checkpoint, (long)itemsThisEpoch, gradients));
                itemsThisEpoch = 0;
                checkpoint = null; // handed over: not kept alive through the next epoch
                stopped |= !go;
                return ValueTask.FromResult(go ? EpochDecision.Continue : EpochDecision.Stop);
            },
            OnBatch: progress => itemsThisEpoch += progress.Items,
            OnCheckpoint: (_, bytes, _) =>
            {
                checkpoint = bytes;
                return ValueTask.CompletedTask;
            },
            AfterBatch: progress => batches.AfterBatch(progress.Epoch, progress.Batch, progress.BatchCount),
            OnBatchCheckpoint: (progress, bytes, _) => batches.CommitCheckpoint(progress.Epoch, progress.Batch, bytes)
                ? ValueTask.CompletedTask
                : throw new AttemptSupersededException());

        // This runs on the training slot's dedicated thread, which may block; the runner's awaits complete synchronously
        // because the callbacks above do.
        TrainingResult result;
        try
        {
            result = TrialRunner.RunAsync(trialRequest, callbacks, cancellation, TaskDataCache.Shared).GetAwaiter().GetResult();
        }
        catch (AttemptSupersededException)
        {
            return new TrialWorkloadResult(StoppedByCallback: true, request.ResumeEpoch);
        }

        var last = result.Epochs.Count == 0 ? request.ResumeEpoch : result.Epochs[^1].Epoch;
        if (result.StoppedAt is not null)
        {
            return new TrialWorkloadResult(StoppedByCallback: false, last, Preempted: true);
        }

        return result.Outcome switch
        {
            TrialState.Failed => new TrialWorkloadResult(stopped, last, result.Reason ?? "training failed"),
            TrialState.Cancelled => throw new OperationCanceledException(cancellation),
            _ => new TrialWorkloadResult(stopped, last, null, result.Outcome == TrialState.Completed ? result.Reason : null),
        };
    }

    public byte[]? PackageModel(TrialWorkloadRequest request, byte[] bestCheckpoint)
    {
        var data = TaskDataCache.Shared.GetOrBuild(request.Task, request.BaseDirectory);
        var package = ModelPackager.FromCheckpoint(
            bestCheckpoint,
            data,
            Path.GetFullPath(request.BaseDirectory),
            request.Parameters.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            unchecked((int)request.Seed),
            request.Objective);
        return ModelPackageFormat.Write(package);
    }

    public IReadOnlyDictionary<string, double>? ScoreTest(TrialWorkloadRequest request, byte[] kept)
    {
        var hasTest = request.Task.Data switch
        {
            AgreementDataSpec agreement => agreement.Options.TestSize > 0,
            FileDataSpec files => files.Test is not null,
            _ => false,
        };
        if (!hasTest)
        {
            return null;
        }

        var model = LoadedModel.From(ModelPackageFormat.Read(kept, "the kept model"), "the kept model");
        return ModelEvaluator.Score(model, EvaluationSets.FromSplit(model, EvaluationSets.Test)).Named("test");
    }
}
