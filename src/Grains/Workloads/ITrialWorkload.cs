using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Workloads;

/// <summary>
/// Runs one trial attempt synchronously on the calling thread (a dedicated training thread, never a grain
/// scheduler thread). After every epoch it calls <c>onEpoch</c> with the metrics and a checkpoint; a false
/// answer stops training at once. Throws on a training error; honours <paramref name="cancellation"/>. Between batches
/// a workload that knows them asks its host's <see cref="ITrialBatchControl"/> whether to checkpoint there (and stop);
/// one that does not (the default) checkpoints at epoch ends only, and a preemption stops it at the next one.
/// </summary>
public interface ITrialWorkload
{
    /// <summary>What this workload's trials accept: sweeps are checked against it before anything runs.</summary>
    ISweepSchema Schema { get; }

    TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation);

    TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, ITrialBatchControl batches, CancellationToken cancellation) =>
        Run(request, onEpoch, cancellation);

    /// <summary>
    /// The self-contained model file of a trial whose weights the sweep keeps, made from the checkpoint of its best epoch;
    /// null when this workload has no model to package (its kept artifact is then the checkpoint itself). Runs on a
    /// thread-pool thread; throws when the checkpoint or the task data cannot be used.
    /// </summary>
    byte[]? PackageModel(TrialWorkloadRequest request, byte[] bestCheckpoint) => null;

    /// <summary>
    /// Scores a kept trial on its task's test split, once, after its sweep ended: <paramref name="kept"/> is what
    /// <see cref="PackageModel"/> made, or the best checkpoint when it made nothing. Null when the task has no test split.
    /// </summary>
    IReadOnlyDictionary<string, double>? ScoreTest(TrialWorkloadRequest request, byte[] kept) => null;
}
