using HyperSweep.Engine.Tasks;
using HyperSweep.Search;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// Everything besides the weights that a saved model needs to be used and to be trusted (docs/MODELS.md): the task
/// (its data options, so <c>eval --split dev</c> can rebuild the split), the vocabulary the weights were trained on,
/// class names, the hyper-parameters the architecture is rebuilt from, the seed, the objective, the epoch the weights
/// come from with that epoch's dev metrics, the test metrics once scored, and the Engine build that wrote it.
/// </summary>
/// <param name="BaseDirectory">The folder the task's relative data paths were resolved against (the spec's folder).</param>
/// <param name="Labels">Class names by label id (classification), null for a language model.</param>
/// <param name="BestEpoch">The epoch after which these weights were saved: the trial's recorded best.</param>
/// <param name="Metrics">That epoch's metrics (train_loss, val_loss, val_accuracy or val_perplexity).</param>
public sealed record ModelPackageInfo(
    string EngineVersion,
    TaskDefinition Task,
    string BaseDirectory,
    IReadOnlyList<string> Vocabulary,
    IReadOnlyList<string>? Labels,
    IReadOnlyDictionary<string, object?> HyperParameters,
    int Seed,
    Objective Objective,
    int BestEpoch,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double>? TestMetrics = null,
    ModelOrigin? Origin = null);
