using HyperSweep.Engine.Training;

namespace HyperSweep.Grains.Workloads;

/// <summary>
/// What a workload asks its host between training batches (the host is the trial's training loop): whether to take a
/// mid-epoch checkpoint (periodically, so a kill -9 loses at most one checkpoint interval) or to take one and stop (a
/// preemption: the silo is leaving and its trials resume elsewhere from that batch), and where the checkpoint goes.
/// Calling <see cref="AfterBatch"/> is also the attempt's sign of life for the hung-trial watchdog.
/// </summary>
public interface ITrialBatchControl
{
    /// <summary>Cancelled when the host wants a checkpoint at the next batch boundary and a stop; a workload waiting between batches wakes on it.</summary>
    CancellationToken StopRequested { get; }

    /// <summary>After batch <paramref name="batch"/> (1-based) of <paramref name="batchCount"/> of epoch <paramref name="epoch"/>: what to do now.</summary>
    BatchAction AfterBatch(int epoch, int batch, int batchCount);

    /// <summary>
    /// Stores a checkpoint taken after <paramref name="batch"/> batches of epoch <paramref name="epoch"/>; returns once it
    /// is durable. False: this attempt was superseded (stop without reporting).
    /// </summary>
    bool CommitCheckpoint(int epoch, int batch, byte[] checkpoint);
}
