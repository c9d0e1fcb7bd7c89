namespace HyperSweep.Engine.Training;

/// <summary>
/// Everything a checkpoint holds besides the weights' owners: the trainer's progress and its trackers,
/// the parameters, the optimizer's buffers and the best weights seen. Random state is not stored as
/// generator internals: each epoch's data order and dropout come from generators derived from
/// (seed, epoch), so the seed and the epoch count are the whole random state at an epoch boundary.
/// The language model's carried hidden state is reset at every epoch start, so an epoch-boundary checkpoint has none to
/// store; a mid-epoch one (<see cref="MidEpoch"/>, format version 2) stores the position inside the epoch and that state.
/// </summary>
internal sealed record TrainerState(
    int Seed,
    int CompletedEpochs,
    float LearningRate,
    int OptimizerSteps,
    TrackerState Best,
    TrackerState Plateau,
    IReadOnlyList<EpochMetrics> History,
    IReadOnlyList<(string Name, float[] Values)> Parameters,
    IReadOnlyList<float[]> OptimizerState,
    IReadOnlyList<float[]>? BestWeights,
    MidEpochState? MidEpoch = null);
