namespace HyperSweep.Engine.Training;

/// <summary>What a trainer does after a training batch, as its host decides (<see cref="TrainingCallbacks.AfterBatch"/>).</summary>
public enum BatchAction
{
    /// <summary>Go on with the next batch.</summary>
    Continue,

    /// <summary>Take a mid-epoch checkpoint now (<see cref="TrainingCallbacks.OnBatchCheckpoint"/>), then go on: bounds what a crash loses.</summary>
    Checkpoint,

    /// <summary>Take a mid-epoch checkpoint and stop (a preemption): a later run resumes from this batch.</summary>
    CheckpointAndStop,
}
