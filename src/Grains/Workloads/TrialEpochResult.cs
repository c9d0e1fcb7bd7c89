namespace HyperSweep.Grains.Workloads;

/// <summary>
/// One finished epoch (1-based): its metrics by name (docs/HYPERPARAMETERS.md), a checkpoint to resume after it, and how many
/// examples (classification) or tokens (language models) it trained on, when the workload knows (telemetry's
/// throughput histogram), and the gradient norms it measured (only when asked to, for recurrent models).
/// </summary>
public sealed record TrialEpochResult(
    int Epoch, IReadOnlyDictionary<string, double> Metrics, byte[]? Checkpoint, long? TrainedItems = null, Contracts.GradientRecord? Gradients = null);
