using HyperSweep.Engine.Training;

namespace HyperSweep.Grains.Workloads;

/// <summary>A host that never checkpoints inside an epoch nor stops there (tests, benchmarks, and the workload's plain Run).</summary>
public sealed class NoBatchControl : ITrialBatchControl
{
    public static NoBatchControl Instance { get; } = new();

    public CancellationToken StopRequested => CancellationToken.None;

    public BatchAction AfterBatch(int epoch, int batch, int batchCount) => BatchAction.Continue;

    public bool CommitCheckpoint(int epoch, int batch, byte[] checkpoint) => true;
}
