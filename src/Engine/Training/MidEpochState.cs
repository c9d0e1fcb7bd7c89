using HyperSweep.Engine.Layers;

namespace HyperSweep.Engine.Training;

/// <summary>
/// Where a trainer stood inside an epoch when it took a mid-epoch checkpoint: batches of epoch
/// <c>CompletedEpochs + 1</c> already trained, the running sums of that epoch's training loss, and the state the model
/// carries into the next batch. The data order and dropout need nothing more: both are derived from (seed, epoch) and
/// (seed, epoch, batch) (see <see cref="Trainer"/>).
/// </summary>
internal sealed record MidEpochState(int BatchesDone, double LossSum, double WeightSum, IReadOnlyList<CellState>? Carried);
