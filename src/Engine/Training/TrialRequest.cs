using HyperSweep.Search;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// One trial = task + hyper-parameters + seed + budget (names and accepted values: docs/HYPERPARAMETERS.md).
/// </summary>
/// <param name="Task">The task (see <see cref="TaskDefinition.Parse"/>).</param>
/// <param name="Parameters">Hyper-parameters by name (<see cref="Schema.HyperParameterSchema"/>); values typed or as strings.</param>
/// <param name="Seed">Fixes initialisation, data order and dropout.</param>
/// <param name="MaxEpochs">The epoch budget.</param>
/// <param name="Objective">The metric the trial is judged by; null = val_accuracy (max) or val_perplexity (min).</param>
/// <param name="EarlyStopping">Optional early stopping on the objective.</param>
/// <param name="BaseDirectory">Folder that relative data and <c>pretrained</c> paths are resolved against (the spec's folder).</param>
/// <param name="ResumeFrom">A checkpoint from an earlier attempt of this same trial, to continue after its last epoch.</param>
/// <param name="RecordGradients">Measure ‖∂L/∂h_t‖ once per epoch (<see cref="EpochMetrics.Gradients"/>).</param>
public sealed record TrialRequest(
    TaskDefinition Task,
    IReadOnlyDictionary<string, object?> Parameters,
    int Seed,
    int MaxEpochs,
    Objective? Objective = null,
    EarlyStoppingOptions? EarlyStopping = null,
    string BaseDirectory = ".",
    byte[]? ResumeFrom = null,
    bool RecordGradients = false);
