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
}
