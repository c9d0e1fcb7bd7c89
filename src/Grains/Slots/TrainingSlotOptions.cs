namespace HyperSweep.Grains.Slots;

/// <summary>How a silo trains: trials at once, checkpoints inside epochs, the hung-trial watchdog, and leaving on SIGTERM.</summary>
public sealed class TrainingSlotOptions
{
    /// <summary>Trials trained at once (default: the processor count).</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>A mid-epoch checkpoint at the first batch boundary this long after the last checkpoint (zero: only at epoch ends).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A mid-epoch checkpoint every this many batches (zero: none by count).</summary>
    public int CheckpointIntervalBatches { get; set; }

    /// <summary>A training thread that shows no progress for this long is abandoned (zero: never).</summary>
    public TimeSpan HungTrialTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many times a trial whose attempt hung is retried from its checkpoint before it fails.</summary>
    public int HungTrialRetries { get; set; } = 2;

    /// <summary>When the silo stops (SIGTERM): how long running trials get to checkpoint at their next batch boundary and hand themselves back.</summary>
    public TimeSpan PreemptionGrace { get; set; } = TimeSpan.FromSeconds(40);
}
