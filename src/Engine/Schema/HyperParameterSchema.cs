using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;

namespace HyperSweep.Engine.Schema;

/// <summary>
/// Every hyper-parameter a trial accepts, in reference order: the only place their names are written. The spec
/// parser checks sweeps against these rules (through <see cref="EngineSchema"/>), <see cref="HyperParameters.Parse"/>
/// reads trials with them, and docs/HYPERPARAMETERS.md is generated from them.
/// </summary>
/// <remarks>
/// <para>
/// Which hyper-parameters can change mid-training (<see cref="FieldDefinition.CanChangeMidTraining"/>, what PBT may
/// perturb): a resumed trial rebuilds its model, optimizer and trainer from its hyper-parameters and then loads the
/// weights and optimizer buffers of a checkpoint, so a value can change at an epoch boundary when nothing in the
/// checkpoint depends on it. That holds for the optimizer's step settings (<c>lr</c>, <c>momentum</c> — SGD's velocity
/// buffer keeps its meaning —, <c>weight_decay</c>, <c>clip</c>), the dropout rates (used only while a batch trains)
/// and the plateau decay (<c>lr_decay</c>, <c>lr_patience</c>: the plateau counter is kept). It fails for everything
/// that shapes the weights (<c>arch</c>, <c>cell</c>, sizes, layers, <c>bidirectional</c>, <c>context</c>,
/// <c>direct</c>, <c>embedding_dim</c>, <c>activation</c>, <c>gru_reset</c>: a checkpoint would not fit), for
/// <c>optimizer</c> (Adam's two moment buffers are not SGD's velocity), for <c>pretrained</c> (an initialisation), and
/// for the batching (<c>batch_size</c>, <c>bptt</c>): they change what one optimizer step is — the gradient noise
/// Adam's moments and the step count were accumulated under — and a mid-epoch checkpoint's position counts batches.
/// </para>
/// <para>
/// Upper bounds on sizes are there to turn a typo (<c>hidden_size: 1e9</c>) into a message instead of an
/// out-of-memory crash on a cluster node; they are far above anything the course's models use.
/// </para>
/// </remarks>
public static class HyperParameterSchema
{
    private const int LargestWidth = 100_000;
    private const int LargestDepth = 100;

    public static NamedValues<Architecture> Architectures { get; } =
        new(("dan", Architecture.Dan), ("nplm", Architecture.Nplm), ("rnn", Architecture.Rnn));

    public static NamedValues<CellKind> Cells { get; } =
        new(("elman", CellKind.Elman), ("lstm", CellKind.Lstm), ("gru", CellKind.Gru));

    public static NamedValues<Activation> Activations { get; } = new(("tanh", Activation.Tanh), ("relu", Activation.Relu));

    public static NamedValues<GruReset> GruResets { get; } = new(("after", GruReset.After), ("before", GruReset.Before));

    public static NamedValues<OptimizerKind> Optimizers { get; } =
        new(("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam), ("adagrad", OptimizerKind.Adagrad));

    public static FieldDefinition Arch { get; } = Parameter(
        "arch", Architectures.Rule(), "rnn",
        "model family: dan (classification), nplm (language model), rnn (both; the task kind picks the head)");

    public static FieldDefinition Cell { get; } = Parameter(
        "cell", Cells.Rule(), "lstm", "recurrent cell", "arch = rnn", (p, _) => p.Arch == Architecture.Rnn);

    public static FieldDefinition CellActivation { get; } = Parameter(
        "activation", Activations.Rule(), "tanh", "nonlinearity of the Elman cell", "arch = rnn and cell = elman",
        (p, _) => p.Arch == Architecture.Rnn && p.Cell == CellKind.Elman);

    public static FieldDefinition GruResetPlacement { get; } = Parameter(
        "gru_reset", GruResets.Rule(), "after",
        "where the GRU applies its reset gate: after the hidden projection (PyTorch, cuDNN) or before it (Cho et al. 2014)",
        "arch = rnn and cell = gru", (p, _) => p.Arch == Architecture.Rnn && p.Cell == CellKind.Gru);

    public static FieldDefinition EmbeddingDim { get; } = Parameter(
        "embedding_dim", ValueRule.Integer(1, LargestWidth), 64, "word embedding size");

    public static FieldDefinition HiddenSize { get; } = Parameter(
        "hidden_size", ValueRule.Integer(1, LargestWidth), 128, "units per hidden layer (recurrent state, DAN layer, NPLM hidden layer)");

    public static FieldDefinition Layers { get; } = Parameter(
        "layers", ValueRule.Integer(1, LargestDepth), 1, "stacked recurrent layers", "arch = rnn", (p, _) => p.Arch == Architecture.Rnn);

    public static FieldDefinition HiddenLayers { get; } = Parameter(
        "hidden_layers", ValueRule.Integer(0, LargestDepth), 2, "feed-forward layers after the average", "arch = dan",
        (p, _) => p.Arch == Architecture.Dan);

    public static FieldDefinition Bidirectional { get; } = Parameter(
        "bidirectional", ValueRule.Boolean(), false, "read the sentence in both directions", "arch = rnn and a classification task",
        (p, kind) => p.Arch == Architecture.Rnn && kind == TaskKind.Classification);

    public static FieldDefinition Dropout { get; } = Parameter(
        "dropout", ValueRule.Real(0, maximum: 1, maximumExclusive: true), 0.0, "dropout probability on hidden activations", canChangeMidTraining: true);

    public static FieldDefinition WordDropout { get; } = Parameter(
        "word_dropout", ValueRule.Real(0, maximum: 1, maximumExclusive: true), 0.0, "probability of dropping a whole word before the average",
        "arch = dan", (p, _) => p.Arch == Architecture.Dan, canChangeMidTraining: true);

    public static FieldDefinition Context { get; } = Parameter(
        "context", ValueRule.Integer(1, 1000), 4, "words of history the NPLM sees", "arch = nplm", (p, _) => p.Arch == Architecture.Nplm);

    public static FieldDefinition Direct { get; } = Parameter(
        "direct", ValueRule.Boolean(), false, "NPLM direct connections from the embeddings to the output", "arch = nplm",
        (p, _) => p.Arch == Architecture.Nplm);

    public static FieldDefinition Optimizer { get; } = Parameter("optimizer", Optimizers.Rule(), "adam", "optimizer");

    public static FieldDefinition LearningRate { get; } = Parameter(
        "lr", ValueRule.Real(0, minimumExclusive: true), 1e-3, "learning rate", canChangeMidTraining: true);

    public static FieldDefinition Momentum { get; } = Parameter(
        "momentum", ValueRule.Real(0, maximum: 1, maximumExclusive: true), 0.0, "SGD momentum", "optimizer = sgd",
        (p, _) => p.Optimizer == OptimizerKind.Sgd, canChangeMidTraining: true);

    public static FieldDefinition WeightDecay { get; } = Parameter(
        "weight_decay", ValueRule.Real(0), 0.0, "L2 penalty added to the gradient", canChangeMidTraining: true);

    public static FieldDefinition Clip { get; } = Parameter(
        "clip", ValueRule.Real(0, minimumExclusive: true), null, "clip the global gradient norm to this value (unset: no clipping)", canChangeMidTraining: true);

    public static FieldDefinition BatchSize { get; } = Parameter(
        "batch_size", ValueRule.Integer(1, 1_000_000), 32, "examples per batch (language models: parallel streams)");

    public static FieldDefinition Bptt { get; } = Parameter(
        "bptt", ValueRule.Integer(1, 100_000), 35, "tokens per truncated back-propagation-through-time segment",
        "arch = rnn and a language_model task", (p, kind) => p.Arch == Architecture.Rnn && kind == TaskKind.LanguageModel);

    public static FieldDefinition LrDecay { get; } = Parameter(
        "lr_decay", ValueRule.Real(0, minimumExclusive: true, maximum: 1), 1.0,
        "multiply the learning rate by this after a plateau of lr_patience epochs (1 = off)", canChangeMidTraining: true);

    public static FieldDefinition LrPatience { get; } = Parameter(
        "lr_patience", ValueRule.Integer(0, 1000), 0, "epochs without improvement before the learning rate decays", canChangeMidTraining: true);

    public static FieldDefinition Pretrained { get; } = Parameter(
        "pretrained", ValueRule.Text(), null,
        "GloVe-format vectors to initialise the embeddings (a path, relative to the spec's folder; unset: random)");

    public static IReadOnlyList<FieldDefinition> All { get; } =
    [
        Arch, Cell, CellActivation, GruResetPlacement, EmbeddingDim, HiddenSize, Layers, HiddenLayers, Bidirectional,
        Dropout, WordDropout, Context, Direct, Optimizer, LearningRate, Momentum, WeightDecay, Clip, BatchSize, Bptt,
        LrDecay, LrPatience, Pretrained,
    ];

    /// <summary>The definition named <paramref name="name"/>, or null.</summary>
    public static FieldDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// The architectures that can serve a task kind: nplm has no classification head (its softmax is over the
    /// vocabulary) and dan has no language-model form.
    /// </summary>
    public static IReadOnlyList<Architecture> ArchitecturesFor(TaskKind kind) => kind == TaskKind.Classification
        ? [Architecture.Dan, Architecture.Rnn]
        : [Architecture.Nplm, Architecture.Rnn];

    private static FieldDefinition Parameter(
        string name, ValueRule rule, object? defaultValue, string description, string? appliesWhen = null, Func<HyperParameters, TaskKind, bool>? applies = null,
        bool canChangeMidTraining = false) =>
        new("parameters", name, rule, defaultValue, description, appliesWhen, applies, canChangeMidTraining);
}
