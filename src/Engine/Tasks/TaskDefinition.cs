using HyperSweep.Engine.Schema;

namespace HyperSweep.Engine.Tasks;

/// <summary>
/// The <c>task:</c> section of a sweep spec: what kind of problem and where its data comes from. <see cref="Parse"/>
/// reads the dictionary form with the rules of <see cref="TaskSchema"/> and throws <see cref="SchemaException"/>
/// naming the offending field (<c>task.data.size</c>, ...).
/// </summary>
public sealed record TaskDefinition(TaskKind Kind, TaskDataSpec Data)
{
    /// <summary>The default task of the embedded quick start: agreement classification with default options.</summary>
    public static TaskDefinition DefaultAgreement { get; } = new(TaskKind.Classification, new AgreementDataSpec(new AgreementOptions()));

    /// <summary>Parses and validates a task section: <c>{ kind: ..., data: { source: agreement | files, ... } }</c>.</summary>
    /// <param name="task">The section's values (any dictionary; the nested data section may be any dictionary).</param>
    public static TaskDefinition Parse(IReadOnlyDictionary<string, object?> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        RejectUnknown(task, "task", [TaskSchema.Kind.Name, "data"]);
        var kind = TaskSchema.Kind.ReadChoice(task, TaskSchema.Kinds);
        if (!task.TryGetValue("data", out var section) || section is null)
        {
            throw new SchemaException("task.data", "required section is missing");
        }

        var data = SectionValues(section) ?? throw new SchemaException("task.data", $"expected a section of options, got {ValueRule.Show(section)}");
        var source = TaskSchema.Source.ReadChoice(data, TaskSchema.Sources);
        RejectUnknown(data, "task.data", [.. TaskSchema.OptionsOf(source).Select(f => f.Name)]);
        TaskDataSpec spec = source == DataSource.Agreement ? ParseAgreement(data) : ParseFiles(data, kind);
        return new TaskDefinition(kind, spec);
    }

    /// <summary>The dictionary form <see cref="Parse"/> accepts; <c>Parse(x.ToDictionary()) == x</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Set(FieldDefinition field, object? value)
        {
            if (value is not null)
            {
                data[field.Name] = value;
            }
        }

        switch (Data)
        {
            case AgreementDataSpec { Options: var o }:
                Set(TaskSchema.Source, TaskSchema.Sources.NameOf(DataSource.Agreement));
                Set(TaskSchema.Size, o.Size);
                Set(TaskSchema.DevSize, o.DevSize);
                Set(TaskSchema.TestSize, o.TestSize);
                Set(TaskSchema.MinAttractors, o.MinAttractors);
                Set(TaskSchema.MaxAttractors, o.MaxAttractors);
                Set(TaskSchema.MinDistance, o.MinDistance);
                Set(TaskSchema.MaxDistance, o.MaxDistance);
                Set(TaskSchema.Vocabulary, o.Vocabulary);
                Set(TaskSchema.Seed, o.Seed);
                break;
            case FileDataSpec f:
                Set(TaskSchema.Source, TaskSchema.Sources.NameOf(DataSource.Files));
                Set(TaskSchema.Format, TaskSchema.Formats.NameOf(f.Format));
                Set(TaskSchema.Train, f.Train);
                Set(TaskSchema.Dev, f.Dev);
                Set(TaskSchema.Test, f.Test);
                Set(TaskSchema.Lowercase, f.Lowercase);
                Set(TaskSchema.MinCount, f.MinCount);
                Set(TaskSchema.MaxVocab, f.MaxVocab);
                break;
            default:
                throw new InvalidOperationException($"unknown data spec {Data.GetType().Name}");
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [TaskSchema.Kind.Name] = KindName(Kind),
            ["data"] = data,
        };
    }

    /// <summary>The spec's name of a kind (<c>classification</c>, <c>language_model</c>).</summary>
    public static string KindName(TaskKind kind) => TaskSchema.Kinds.NameOf(kind);

    /// <summary>A nested section as a string-keyed dictionary (YAML and JSON readers give different dictionary types).</summary>
    internal static IReadOnlyDictionary<string, object?>? SectionValues(object? section) => section switch
    {
        IReadOnlyDictionary<string, object?> typed => typed,
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        System.Collections.IDictionary untyped => untyped.Keys.Cast<object>().ToDictionary(
            k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? "", k => untyped[k], StringComparer.Ordinal),
        _ => null,
    };

    private static void RejectUnknown(IReadOnlyDictionary<string, object?> values, string section, IReadOnlyList<string> accepted)
    {
        foreach (var key in values.Keys)
        {
            if (!accepted.Contains(key))
            {
                var closest = Search.Spec.Suggestions.Closest(key, accepted);
                var hint = closest.Count == 0 ? "" : $"; did you mean '{closest[0]}'?";
                throw new SchemaException($"{section}.{key}", $"unknown field '{key}'{hint} (accepted here: {string.Join(", ", accepted)})");
            }
        }
    }

    private static AgreementDataSpec ParseAgreement(IReadOnlyDictionary<string, object?> data)
    {
        var options = new AgreementOptions(
            Size: TaskSchema.Size.ReadInt(data),
            DevSize: TaskSchema.DevSize.ReadInt(data),
            TestSize: TaskSchema.TestSize.ReadInt(data),
            MinAttractors: TaskSchema.MinAttractors.ReadInt(data),
            MaxAttractors: TaskSchema.MaxAttractors.ReadInt(data),
            MinDistance: TaskSchema.MinDistance.ReadInt(data),
            MaxDistance: TaskSchema.MaxDistance.ReadInt(data),
            Vocabulary: TaskSchema.Vocabulary.ReadInt(data),
            Seed: TaskSchema.Seed.ReadInt(data));
        options.Validate();
        return new AgreementDataSpec(options);
    }

    private static FileDataSpec ParseFiles(IReadOnlyDictionary<string, object?> data, TaskKind kind)
    {
        var format = TaskSchema.Format.ReadChoice(data, TaskSchema.Formats);
        var fitsKind = format == DataFormat.Lines ? kind == TaskKind.LanguageModel : kind == TaskKind.Classification;
        if (!fitsKind)
        {
            var needed = format == DataFormat.Lines ? TaskKind.LanguageModel : TaskKind.Classification;
            throw new SchemaException(
                TaskSchema.Format.Field,
                $"format '{TaskSchema.Formats.NameOf(format)}' needs kind {KindName(needed)}, but the task's kind is {KindName(kind)}");
        }

        return new FileDataSpec(
            format,
            TaskSchema.Train.ReadRequiredText(data),
            TaskSchema.Dev.ReadRequiredText(data),
            TaskSchema.Test.ReadText(data),
            TaskSchema.Lowercase.ReadBool(data),
            TaskSchema.MinCount.ReadInt(data),
            TaskSchema.MaxVocab.ReadOptionalInt(data));
    }
}
