using System.Globalization;
using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tasks;

/// <summary>
/// The <c>task:</c> section of a sweep spec (see CONTRACTS.md): what kind of problem and where its data
/// comes from. <see cref="Parse"/> validates the dictionary Search hands over and throws
/// <see cref="EngineException"/> naming the offending field (<c>task.data.size</c>, ...).
/// </summary>
public sealed record TaskDefinition(TaskKind Kind, TaskDataSpec Data)
{
    public const string KindClassification = "classification";
    public const string KindLanguageModel = "language_model";
    public const string SourceAgreement = "agreement";
    public const string SourceFiles = "files";

    private static readonly Dictionary<string, TaskKind> Kinds = new(StringComparer.Ordinal)
    {
        [KindClassification] = TaskKind.Classification,
        [KindLanguageModel] = TaskKind.LanguageModel,
    };

    private static readonly Dictionary<string, DataFormat> Formats = new(StringComparer.Ordinal)
    {
        ["tsv"] = DataFormat.Tsv,
        ["sst5"] = DataFormat.Sst5,
        ["lines"] = DataFormat.Lines,
    };

    private static readonly Dictionary<string, bool> Sources = new(StringComparer.Ordinal)
    {
        [SourceAgreement] = true,
        [SourceFiles] = false,
    };

    /// <summary>The default task of the embedded quick start: agreement classification with default options.</summary>
    public static TaskDefinition DefaultAgreement { get; } = new(TaskKind.Classification, new AgreementDataSpec(new AgreementOptions()));

    /// <summary>
    /// Parses and validates a task section: <c>{ kind: ..., data: { source: agreement | files, ... } }</c>.
    /// </summary>
    /// <param name="task">The section's values (any dictionary; nested sections may be any dictionary).</param>
    /// <param name="path">The section's name in error messages.</param>
    public static TaskDefinition Parse(IReadOnlyDictionary<string, object?> task, string path = "task")
    {
        ArgumentNullException.ThrowIfNull(task);
        var section = new SpecReader(task.ToDictionary(pair => pair.Key, pair => pair.Value), path);
        section.RejectUnknown("kind", "data");
        var kind = section.Choice("kind", Kinds);
        if (!section.Has("data"))
        {
            throw new EngineException($"{section.Field("data")}: required section is missing");
        }

        var data = new SpecReader(section.Raw("data"), section.Field("data"));
        var isAgreement = data.Choice("source", Sources);
        TaskDataSpec spec = isAgreement ? ParseAgreement(data) : ParseFiles(data, kind);
        return new TaskDefinition(kind, spec);
    }

    /// <summary>The dictionary form <see cref="Parse"/> accepts; <c>Parse(x.ToDictionary()) == x</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (Data)
        {
            case AgreementDataSpec { Options: var o }:
                data["source"] = SourceAgreement;
                data["size"] = o.Size;
                data["dev_size"] = o.DevSize;
                data["test_size"] = o.TestSize;
                data["min_attractors"] = o.MinAttractors;
                data["max_attractors"] = o.MaxAttractors;
                data["min_distance"] = o.MinDistance;
                data["max_distance"] = o.MaxDistance;
                data["vocabulary"] = o.Vocabulary;
                data["seed"] = o.Seed;
                break;
            case FileDataSpec f:
                data["source"] = SourceFiles;
                data["format"] = Formats.First(pair => pair.Value == f.Format).Key;
                data["train"] = f.Train;
                data["dev"] = f.Dev;
                if (f.Test is not null)
                {
                    data["test"] = f.Test;
                }

                data["lowercase"] = f.Lowercase;
                data["min_count"] = f.MinCount;
                if (f.MaxVocab is { } maxVocab)
                {
                    data["max_vocab"] = maxVocab;
                }

                break;
            default:
                throw new InvalidOperationException($"unknown data spec {Data.GetType().Name}");
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kind"] = Kind == TaskKind.Classification ? KindClassification : KindLanguageModel,
            ["data"] = data,
        };
    }

    /// <summary>The YAML-ish name of a kind (<c>classification</c>, <c>language_model</c>).</summary>
    public static string KindName(TaskKind kind) => kind == TaskKind.Classification ? KindClassification : KindLanguageModel;

    private static AgreementDataSpec ParseAgreement(SpecReader data)
    {
        data.RejectUnknown("source", "size", "dev_size", "test_size", "min_attractors", "max_attractors",
            "min_distance", "max_distance", "vocabulary", "seed");
        var defaults = new AgreementOptions();
        var options = new AgreementOptions(
            Size: data.Int("size", defaults.Size),
            DevSize: data.Int("dev_size", defaults.DevSize),
            TestSize: data.Int("test_size", defaults.TestSize),
            MinAttractors: data.Int("min_attractors", defaults.MinAttractors),
            MaxAttractors: data.Int("max_attractors", defaults.MaxAttractors),
            MinDistance: data.Int("min_distance", defaults.MinDistance),
            MaxDistance: data.Int("max_distance", defaults.MaxDistance),
            Vocabulary: data.Int("vocabulary", defaults.Vocabulary),
            Seed: data.Int("seed", defaults.Seed));
        options.Validate(data.Path + ".");
        return new AgreementDataSpec(options);
    }

    private static FileDataSpec ParseFiles(SpecReader data, TaskKind kind)
    {
        data.RejectUnknown("source", "format", "train", "dev", "test", "lowercase", "min_count", "max_vocab");
        var format = data.Choice("format", Formats);
        var fitsKind = format == DataFormat.Lines ? kind == TaskKind.LanguageModel : kind == TaskKind.Classification;
        if (!fitsKind)
        {
            var needed = format == DataFormat.Lines ? KindLanguageModel : KindClassification;
            throw new EngineException(
                $"{data.Field("format")}: format '{Formats.First(pair => pair.Value == format).Key}' needs kind {needed}, but the task's kind is {KindName(kind)}");
        }

        var minCount = data.Int("min_count", 1);
        if (minCount < 1)
        {
            throw new EngineException($"{data.Field("min_count")}: must be >= 1, got {minCount.ToString(CultureInfo.InvariantCulture)}");
        }

        var maxVocab = data.OptionalInt("max_vocab");
        if (maxVocab is < 4)
        {
            throw new EngineException($"{data.Field("max_vocab")}: must be >= 4 (3 special tokens and at least one word), got {maxVocab}");
        }

        return new FileDataSpec(
            format,
            data.RequiredString("train"),
            data.RequiredString("dev"),
            data.OptionalString("test"),
            data.Bool("lowercase", false),
            minCount,
            maxVocab);
    }
}
