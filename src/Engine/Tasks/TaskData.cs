using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tasks;

/// <summary>
/// The data of a task, ready for batching: vocabulary (built from train only) and encoded splits.
/// <see cref="Build"/> turns a <see cref="TaskDefinition"/> into this, reading files relative to a base
/// directory (the folder of the spec that named them) or generating the agreement task.
/// </summary>
public sealed class TaskData
{
    private TaskData(
        TaskDefinition definition,
        Vocabulary vocabulary,
        int classCount,
        EncodedSplit train,
        EncodedSplit dev,
        EncodedSplit? test,
        IReadOnlyList<AgreementSentence>? agreementDev)
    {
        Definition = definition;
        Vocabulary = vocabulary;
        ClassCount = classCount;
        Train = train;
        Dev = dev;
        Test = test;
        AgreementDev = agreementDev;
    }

    public TaskDefinition Definition { get; }

    public TaskKind Kind => Definition.Kind;

    public Vocabulary Vocabulary { get; }

    /// <summary>Number of classes (classification), 0 for a language model.</summary>
    public int ClassCount { get; }

    public EncodedSplit Train { get; }

    public EncodedSplit Dev { get; }

    public EncodedSplit? Test { get; }

    /// <summary>The generated dev sentences of the agreement task (for per-attractor analysis), else null.</summary>
    public IReadOnlyList<AgreementSentence>? AgreementDev { get; }

    /// <summary>Builds the task's data. File paths in the definition are resolved against <paramref name="baseDirectory"/>.</summary>
    public static TaskData Build(TaskDefinition definition, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return definition.Data switch
        {
            AgreementDataSpec agreement => BuildAgreement(definition, agreement.Options),
            FileDataSpec files => BuildFromFiles(definition, files, baseDirectory),
            _ => throw new EngineException($"task.data: unsupported source {definition.Data.GetType().Name}"),
        };
    }

    /// <summary>
    /// Reads every file the definition names with the same readers <see cref="Build"/> uses, without building a
    /// vocabulary or encoding anything, so a spec can be checked before a trial starts: missing or empty files, wrong
    /// headers or columns, labels train does not have, text that is not UTF-8. Throws <see cref="Schema.SchemaException"/>
    /// at the field that names the file, its message located at the file's line.
    /// </summary>
    public static void Check(TaskDefinition definition, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Data is not FileDataSpec spec)
        {
            return;
        }

        var tokenizer = new Tokenizer(spec.Lowercase);
        int? maxLabel = null;
        foreach (var (field, path) in new[] { (Schema.TaskSchema.Train, spec.Train), (Schema.TaskSchema.Dev, spec.Dev), (Schema.TaskSchema.Test, spec.Test) })
        {
            if (path is null)
            {
                continue;
            }

            try
            {
                var resolved = Path.GetFullPath(Path.Combine(baseDirectory, path));
                if (spec.Format == DataFormat.Lines)
                {
                    _ = LanguageModelReader.ReadLines(resolved, tokenizer);
                    continue;
                }

                var examples = spec.Format == DataFormat.Tsv ? ClassificationReader.ReadTsv(resolved, tokenizer, maxLabel) : ClassificationReader.ReadSst5(resolved, tokenizer);
                maxLabel ??= Math.Max(2, examples.Max(example => example.Label) + 1) - 1;
            }
            catch (EngineException exception) when (exception is not Schema.SchemaException)
            {
                throw new Schema.SchemaException(field.Field, exception.Message);
            }
        }
    }

    private static TaskData BuildAgreement(TaskDefinition definition, AgreementOptions options)
    {
        var generator = new AgreementGenerator(options);
        var train = generator.Train();
        var dev = generator.Dev();
        var test = options.TestSize > 0 ? generator.Test() : null;
        var classification = definition.Kind == TaskKind.Classification;
        IReadOnlyList<string> Sentence(AgreementSentence s) =>
            classification ? s.Prefix : [.. s.Tokens, Vocabulary.EndOfSentence];

        var vocabulary = Vocabulary.Build(train.Select(Sentence));
        EncodedSplit Encode(string name, IReadOnlyList<AgreementSentence> sentences) => EncodeAgreement(name, sentences, vocabulary, definition.Kind);

        return new TaskData(
            definition,
            vocabulary,
            classification ? 2 : 0,
            Encode("train", train),
            Encode("dev", dev),
            test is null ? null : Encode("test", test),
            dev);
    }

    /// <summary>
    /// Generated agreement sentences in a task kind's form: the prefix before the verb labelled 0 (singular) or 1
    /// (plural) for classification, the whole sentence and <c>&lt;eos&gt;</c> for a language model.
    /// </summary>
    public static EncodedSplit EncodeAgreement(string name, IReadOnlyList<AgreementSentence> sentences, Vocabulary vocabulary, TaskKind kind)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var classification = kind == TaskKind.Classification;
        return new EncodedSplit(name, [.. sentences.Select(s => new EncodedExample(
            vocabulary.Encode(classification ? s.Prefix : [.. s.Tokens, Vocabulary.EndOfSentence]),
            classification ? (int)s.SubjectNumber : -1))]);
    }

    private static TaskData BuildFromFiles(TaskDefinition definition, FileDataSpec spec, string baseDirectory)
    {
        var tokenizer = new Tokenizer(spec.Lowercase);
        string Resolve(string path) => Path.GetFullPath(Path.Combine(baseDirectory, path));

        if (spec.Format == DataFormat.Lines)
        {
            var trainLines = LanguageModelReader.ReadLines(Resolve(spec.Train), tokenizer);
            var lmVocabulary = Vocabulary.Build(trainLines, spec.MinCount, spec.MaxVocab);
            EncodedSplit EncodeLines(string name, IReadOnlyList<string[]> lines) =>
                new(name, [.. lines.Select(line => new EncodedExample(lmVocabulary.Encode(line), -1))]);

            return new TaskData(
                definition,
                lmVocabulary,
                0,
                EncodeLines(Resolve(spec.Train), trainLines),
                EncodeLines(Resolve(spec.Dev), LanguageModelReader.ReadLines(Resolve(spec.Dev), tokenizer)),
                spec.Test is null ? null : EncodeLines(Resolve(spec.Test), LanguageModelReader.ReadLines(Resolve(spec.Test), tokenizer)),
                null);
        }

        IReadOnlyList<ClassificationExample> Read(string path, int? maxLabel) => spec.Format switch
        {
            DataFormat.Tsv => ClassificationReader.ReadTsv(path, tokenizer, maxLabel),
            DataFormat.Sst5 => ClassificationReader.ReadSst5(path, tokenizer),
            _ => throw new EngineException($"task.data.format: {spec.Format} is not a classification format"),
        };

        var train = Read(Resolve(spec.Train), null);
        // The label set is fixed by train: a dev/test label train never had is an error at its line.
        var classCount = Math.Max(2, train.Max(example => example.Label) + 1);
        var vocabulary = Vocabulary.Build(train.Select(example => example.Tokens), spec.MinCount, spec.MaxVocab);
        EncodedSplit Encode(string name, IReadOnlyList<ClassificationExample> examples) =>
            new(name, [.. examples.Select(example => new EncodedExample(vocabulary.Encode(example.Tokens), example.Label))]);

        return new TaskData(
            definition,
            vocabulary,
            classCount,
            Encode(Resolve(spec.Train), train),
            Encode(Resolve(spec.Dev), Read(Resolve(spec.Dev), classCount - 1)),
            spec.Test is null ? null : Encode(Resolve(spec.Test), Read(Resolve(spec.Test), classCount - 1)),
            null);
    }
}
