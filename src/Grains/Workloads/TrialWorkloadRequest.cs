using HyperSweep.Engine.Tasks;
using HyperSweep.Search;

namespace HyperSweep.Grains.Workloads;

/// <summary>
/// One attempt to run: task, hyper-parameters, seed, epoch budget, and the objective, the trainer's early stopping,
/// the folder relative data paths are resolved against, and the checkpoint to resume from
/// (<paramref name="ResumeCheckpoint"/> taken after epoch <paramref name="ResumeEpoch"/>; null and 0 to start afresh), and
/// whether to measure gradient norms each epoch.
/// </summary>
public sealed record TrialWorkloadRequest(
    TaskDefinition Task,
    IReadOnlyDictionary<string, object> Parameters,
    long Seed,
    int MaxEpochs,
    byte[]? ResumeCheckpoint,
    int ResumeEpoch,
    Objective Objective,
    int? EarlyStoppingPatience = null,
    double EarlyStoppingMinDelta = 0,
    string BaseDirectory = ".",
    bool RecordGradients = false);
