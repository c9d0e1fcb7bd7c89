namespace HyperSweep.Contracts.Artifacts;

/// <summary>
/// Where in training a checkpoint was taken: after <see cref="Epoch"/> finished epochs and, within the next epoch,
/// after <see cref="Batch"/> batches (0 = at the epoch boundary, the only position the trainer checkpoints at today; a
/// checkpoint taken mid-epoch, e.g. on preemption, records its batch).
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.CheckpointPosition")]
public sealed record CheckpointPosition(
    [property: Id(0)] int Epoch,
    [property: Id(1)] int Batch = 0)
{
    public override string ToString() => Batch == 0 ? $"after epoch {Epoch}" : $"at batch {Batch} of epoch {Epoch + 1}";
}
