namespace HyperSweep.Search.Spec;

/// <summary>The agreed names of CONTRACTS.md that a spec is checked against.</summary>
public static class Vocabulary
{
    public static IReadOnlyList<string> TaskKinds { get; } = ["classification", "language_model"];

    public static IReadOnlyList<string> DataSources { get; } = ["agreement", "files"];

    public static IReadOnlyList<string> FileFormats { get; } = ["tsv", "sst5", "lines"];

    public static IReadOnlyList<string> Metrics { get; } = ["train_loss", "val_loss", "val_accuracy", "val_perplexity"];

    /// <summary>The hyper-parameter names ModelFactory accepts (model settings and searched parameters).</summary>
    public static IReadOnlyList<string> HyperParameters { get; } =
    [
        "arch", "cell", "activation", "gru_reset", "embedding_dim", "hidden_size", "layers", "hidden_layers",
        "bidirectional", "dropout", "word_dropout", "context", "direct", "optimizer", "lr", "momentum",
        "weight_decay", "clip", "batch_size", "bptt", "lr_decay", "lr_patience", "pretrained",
    ];

    /// <summary>The metric's natural direction (accuracy up, losses and perplexity down).</summary>
    public static StudyDirection NaturalDirection(string metric) =>
        metric == "val_accuracy" ? StudyDirection.Maximize : StudyDirection.Minimize;
}
