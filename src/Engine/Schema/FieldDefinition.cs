using System.Globalization;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;

namespace HyperSweep.Engine.Schema;

/// <summary>
/// One field a trial accepts — a hyper-parameter or a task data option: its name, the values it takes, its default
/// and what it means, and for hyper-parameters when it applies (a parameter that does not apply to the chosen model
/// is accepted and reported as ignored, so a sweep can vary <c>arch</c> with fixed RNN settings). Each is defined
/// once, in <see cref="HyperParameterSchema"/> or <see cref="TaskSchema"/>.
/// </summary>
public sealed class FieldDefinition
{
    private readonly Func<HyperParameters, TaskKind, bool> _applies;

    internal FieldDefinition(
        string section,
        string name,
        ValueRule rule,
        object? defaultValue,
        string description,
        string? appliesWhen = null,
        Func<HyperParameters, TaskKind, bool>? applies = null,
        bool canChangeMidTraining = false)
    {
        CanChangeMidTraining = canChangeMidTraining;
        Name = name;
        Field = $"{section}.{name}";
        Rule = rule;
        Default = defaultValue;
        Description = description;
        AppliesWhen = appliesWhen;
        _applies = applies ?? ((_, _) => true);
    }

    public string Name { get; }

    /// <summary>The dotted field in messages: <c>parameters.lr</c>, <c>task.data.size</c>.</summary>
    public string Field { get; }

    public ValueRule Rule { get; }

    /// <summary>The value used when nothing gives one; null = unset (off, or required where the reader says so).</summary>
    public object? Default { get; }

    public string Description { get; }

    /// <summary>When a hyper-parameter is used, in words ("arch = rnn and cell = gru"); null = always.</summary>
    public string? AppliesWhen { get; }

    /// <summary>
    /// Whether a training can take a new value between two epochs, on top of the weights and optimizer state it has
    /// (<see cref="HyperParameterSchema"/> says which and why). Population-based training perturbs only these.
    /// </summary>
    public bool CanChangeMidTraining { get; }

    internal bool AppliesTo(HyperParameters parameters, TaskKind kind) => _applies(parameters, kind);

    internal bool IsGiven(IReadOnlyDictionary<string, object?> values) => values.TryGetValue(Name, out var value) && value is not null;

    internal int ReadInt(IReadOnlyDictionary<string, object?> values) =>
        IsGiven(values) ? (int)(long)Rule.Read(values[Name], Field) : Convert.ToInt32(Default, CultureInfo.InvariantCulture);

    internal int? ReadOptionalInt(IReadOnlyDictionary<string, object?> values) =>
        IsGiven(values) ? (int)(long)Rule.Read(values[Name], Field) : null;

    internal double ReadReal(IReadOnlyDictionary<string, object?> values) =>
        IsGiven(values) ? (double)Rule.Read(values[Name], Field) : Convert.ToDouble(Default, CultureInfo.InvariantCulture);

    internal double? ReadOptionalReal(IReadOnlyDictionary<string, object?> values) =>
        IsGiven(values) ? (double)Rule.Read(values[Name], Field) : null;

    internal bool ReadBool(IReadOnlyDictionary<string, object?> values) =>
        IsGiven(values) ? (bool)Rule.Read(values[Name], Field) : (bool)Default!;

    internal string? ReadText(IReadOnlyDictionary<string, object?> values) =>
        IsGiven(values) ? (string)Rule.Read(values[Name], Field) : (string?)Default;

    internal string ReadRequiredText(IReadOnlyDictionary<string, object?> values) =>
        ReadText(values) ?? throw new SchemaException(Field, "required field is missing");

    internal T ReadChoice<T>(IReadOnlyDictionary<string, object?> values, NamedValues<T> names)
        where T : struct =>
        names.ValueOf(ReadRequiredText(values));
}
