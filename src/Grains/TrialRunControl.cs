using System.Diagnostics;
using HyperSweep.Engine.Training;
using HyperSweep.Grains.Slots;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains;

/// <summary>
/// The training loop's answer to its workload between batches (<see cref="ITrialBatchControl"/>): a checkpoint when the
/// silo is leaving (and stop), or when the checkpoint interval has passed (by time or by batches, whichever comes
/// first), committed to the trial grain (<see cref="ITrialRunSink.CommitProgress"/>) before the next batch runs. Each
/// batch is also the run's sign of life for the hung-trial watchdog.
/// </summary>
internal sealed class TrialRunControl(TrainingRun run, TrainingSlotOptions options, Func<int, int, byte[], bool> commit) : ITrialBatchControl
{
    private long _lastCheckpoint = Stopwatch.GetTimestamp();
    private int _batchesSinceCheckpoint;

    /// <summary>Set when a commit was refused: the attempt was superseded, and the loop reports nothing.</summary>
    public bool Superseded { get; private set; }

    public CancellationToken StopRequested => run.StopRequested;

    public BatchAction AfterBatch(int epoch, int batch, int batchCount)
    {
        run.Progress();
        _batchesSinceCheckpoint++;
        if (run.StopRequested.IsCancellationRequested)
        {
            return BatchAction.CheckpointAndStop;
        }

        var byCount = options.CheckpointIntervalBatches > 0 && _batchesSinceCheckpoint >= options.CheckpointIntervalBatches;
        var byTime = options.CheckpointInterval > TimeSpan.Zero && Stopwatch.GetElapsedTime(_lastCheckpoint) >= options.CheckpointInterval;
        return byCount || byTime ? BatchAction.Checkpoint : BatchAction.Continue;
    }

    public bool CommitCheckpoint(int epoch, int batch, byte[] checkpoint)
    {
        var stored = commit(epoch, batch, checkpoint);
        Superseded |= !stored;
        Checkpointed();
        return stored;
    }

    /// <summary>A checkpoint was stored (mid-epoch, or with an epoch's report): the interval starts again.</summary>
    public void Checkpointed()
    {
        _lastCheckpoint = Stopwatch.GetTimestamp();
        _batchesSinceCheckpoint = 0;
    }
}
