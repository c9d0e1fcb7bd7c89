using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Schema;

/// <summary>
/// The <c>task:</c> section a trial accepts: its kinds, its data sources and each source's options (names, accepted
/// values, defaults). The only place these names are written; <see cref="TaskDefinition.Parse"/> reads tasks with it
/// and the spec parser checks sweeps against it through <see cref="EngineSchema"/>.
/// </summary>
public static class TaskSchema
{
    public static NamedValues<TaskKind> Kinds { get; } =
        new(("classification", TaskKind.Classification), ("language_model", TaskKind.LanguageModel));

    public static NamedValues<DataSource> Sources { get; } = new(("agreement", DataSource.Agreement), ("files", DataSource.Files));

    public static NamedValues<DataFormat> Formats { get; } = new(("tsv", DataFormat.Tsv), ("sst5", DataFormat.Sst5), ("lines", DataFormat.Lines));

    public static FieldDefinition Kind { get; } = new("task", "kind", Kinds.Rule(), "classification", "what the trial learns");

    public static FieldDefinition Source { get; } = Data("source", Sources.Rule(), null, "agreement (built-in synthetic task, no files) or files");

    // source: agreement
    public static FieldDefinition Size { get; } = Data("size", Positive, Tasks.AgreementOptions.DefaultSize, "training sentences");

    public static FieldDefinition DevSize { get; } = Data("dev_size", Positive, Tasks.AgreementOptions.DefaultDevSize, "development sentences");

    public static FieldDefinition TestSize { get; } = Data("test_size", Count, 0, "test sentences (0 = no test split)");

    public static FieldDefinition MinAttractors { get; } = Data("min_attractors", Count, 0, "fewest prepositional phrases (potential attractors) between subject and verb");

    public static FieldDefinition MaxAttractors { get; } = Data("max_attractors", Count, Tasks.AgreementOptions.DefaultMaxAttractors, "most prepositional phrases between subject and verb");

    public static FieldDefinition MinDistance { get; } = Data("min_distance", Count, 0, "fewest tokens strictly between subject and verb");

    public static FieldDefinition MaxDistance { get; } = Data("max_distance", Count, Tasks.AgreementOptions.DefaultMaxDistance, "most tokens strictly between subject and verb");

    public static FieldDefinition Vocabulary { get; } = Data(
        "vocabulary", ValueRule.Integer(1, AgreementLexicon.NounCount), Tasks.AgreementOptions.DefaultVocabulary, "nouns per number, from a built-in list");

    public static FieldDefinition Seed { get; } = Data("seed", ValueRule.Integer(int.MinValue, int.MaxValue), 1, "generator seed: the data depend on the options alone");

    // source: files
    public static FieldDefinition Format { get; } = Data(
        "format", Formats.Rule(), null,
        "tsv (header sentence<TAB>label), sst5 (LING 574 X-reviews.txt + X-labels.txt), lines (language-model text, one sentence a line)");

    public static FieldDefinition Train { get; } = Data("train", ValueRule.Text(), null, "training file (a path relative to the spec's folder)");

    public static FieldDefinition Dev { get; } = Data("dev", ValueRule.Text(), null, "development file, scored every epoch");

    public static FieldDefinition Test { get; } = Data("test", ValueRule.Text(), null, "test file (optional)");

    public static FieldDefinition Lowercase { get; } = Data("lowercase", ValueRule.Boolean(), false, "lower-case the tokens");

    public static FieldDefinition MinCount { get; } = Data("min_count", Positive, 1, "train words seen fewer times map to <unk>");

    public static FieldDefinition MaxVocab { get; } = Data(
        "max_vocab", ValueRule.Integer(4, int.MaxValue), null, "vocabulary size cap, including <pad>, <unk> and <eos> (unset: no cap)");

    public static IReadOnlyList<FieldDefinition> AgreementFields { get; } =
        [Source, Size, DevSize, TestSize, MinAttractors, MaxAttractors, MinDistance, MaxDistance, Vocabulary, Seed];

    public static IReadOnlyList<FieldDefinition> FilesFields { get; } = [Source, Format, Train, Dev, Test, Lowercase, MinCount, MaxVocab];

    /// <summary>The fields that name files (checked at validation, confined to a cluster's data root).</summary>
    public static IReadOnlyList<FieldDefinition> FileFields { get; } = [Train, Dev, Test];

    public static IReadOnlyList<FieldDefinition> OptionsOf(DataSource source) => source == DataSource.Agreement ? AgreementFields : FilesFields;

    private static ValueRule Positive => ValueRule.Integer(1, int.MaxValue);

    private static ValueRule Count => ValueRule.Integer(0, int.MaxValue);

    private static FieldDefinition Data(string name, ValueRule rule, object? defaultValue, string description) =>
        new("task.data", name, rule, defaultValue, description);
}
