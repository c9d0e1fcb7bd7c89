using System.Globalization;

namespace HyperSweep.Engine.Schema;

/// <summary>
/// What one field accepts: integers or reals within bounds, true/false, one of a list of names, or text. It both
/// reads a value (typed, as YAML gives it, or as text, as a trial file may) and, without reading, says what is wrong
/// with one (<see cref="Problem"/>), so a sweep spec can be checked value by value before anything trains.
/// </summary>
public sealed record ValueRule
{
    private ValueRule(ValueKind kind)
    {
        Kind = kind;
    }

    public ValueKind Kind { get; }

    public double? Minimum { get; private init; }

    public bool MinimumExclusive { get; private init; }

    public double? Maximum { get; private init; }

    public bool MaximumExclusive { get; private init; }

    /// <summary>The accepted names of a <see cref="ValueKind.Choice"/> rule, in reference order.</summary>
    public IReadOnlyList<string> Choices { get; private init; } = [];

    public static ValueRule Integer(long minimum, long maximum) => new(ValueKind.Integer) { Minimum = minimum, Maximum = maximum };

    /// <summary>A finite real number; bounds are optional, each inclusive unless said otherwise.</summary>
    public static ValueRule Real(double? minimum = null, bool minimumExclusive = false, double? maximum = null, bool maximumExclusive = false) =>
        new(ValueKind.Real) { Minimum = minimum, MinimumExclusive = minimumExclusive, Maximum = maximum, MaximumExclusive = maximumExclusive };

    public static ValueRule Boolean() => new(ValueKind.Boolean);

    public static ValueRule Choice(IEnumerable<string> choices) => new(ValueKind.Choice) { Choices = [.. choices] };

    public static ValueRule Text() => new(ValueKind.Text);

    /// <summary>What the rule accepts, for messages and the reference: "an integer in 1..100000", "a number in [0, 1)".</summary>
    public string Describe() => Kind switch
    {
        ValueKind.Integer => $"an integer in {Format(Minimum)}..{Format(Maximum)}",
        ValueKind.Real => DescribeReal(),
        ValueKind.Boolean => "true or false",
        ValueKind.Choice => $"one of {string.Join(", ", Choices)}",
        _ => "a non-empty text",
    };

    /// <summary>Null when <paramref name="value"/> is accepted; otherwise what is wrong, ending with what is accepted.</summary>
    public string? Problem(object? value)
    {
        var shown = Show(value);
        var problem = Kind switch
        {
            ValueKind.Integer => IntegerProblem(value),
            ValueKind.Real => RealProblem(value),
            ValueKind.Boolean => AsBoolean(value) is null ? "is not true or false" : null,
            ValueKind.Choice => ChoiceProblem(value),
            _ => value is string s && !string.IsNullOrWhiteSpace(s) ? null : "is not a non-empty text",
        };
        return problem is null ? null : $"{shown} {problem} (accepted: {Describe()})";
    }

    /// <summary>Reads an accepted value as a long, double, bool or trimmed string; throws <see cref="SchemaException"/> otherwise.</summary>
    public object Read(object? value, string field)
    {
        if (Problem(value) is { } problem)
        {
            throw new SchemaException(field, problem);
        }

        return Kind switch
        {
            ValueKind.Integer => AsInteger(value)!.Value,
            ValueKind.Real => AsReal(value)!.Value,
            ValueKind.Boolean => AsBoolean(value)!.Value,
            _ => ((string)value!).Trim(),
        };
    }

    /// <summary>Whether an integer value is a number this rule can hold (for "is an int range right here").</summary>
    public static long? AsInteger(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
        string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static double? AsReal(object? value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        int i => i,
        long l => l,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static bool? AsBoolean(object? value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s.Trim(), out var parsed) => parsed,
        _ => null,
    };

    /// <summary>How a value is quoted in messages: text in quotes, numbers as written.</summary>
    public static string Show(object? value) => value switch
    {
        null => "nothing",
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => $"a {value.GetType().Name}",
    };

    private string? IntegerProblem(object? value)
    {
        if (AsInteger(value) is not { } number)
        {
            return AsReal(value) is { } real && double.IsFinite(real) ? "is not a whole number" : "is not an integer";
        }

        return number < Minimum || number > Maximum ? "is out of range" : null;
    }

    private string? ChoiceProblem(object? value)
    {
        if (value is string text && Choices.Contains(text.Trim()))
        {
            return null;
        }

        var closest = value is string typed ? Search.Spec.Suggestions.Closest(typed, Choices) : [];
        return closest.Count == 0 ? "is not one of the choices" : $"is not one of the choices; did you mean '{closest[0]}'?";
    }

    private string? RealProblem(object? value)
    {
        if (AsReal(value) is not { } number || !double.IsFinite(number))
        {
            return "is not a finite number";
        }

        var below = Minimum is { } min && (MinimumExclusive ? number <= min : number < min);
        var above = Maximum is { } max && (MaximumExclusive ? number >= max : number > max);
        return below || above ? "is out of range" : null;
    }

    private string DescribeReal()
    {
        return (Minimum, Maximum) switch
        {
            (null, null) => "a number",
            ({ } min, null) => $"a number {(MinimumExclusive ? ">" : ">=")} {Format(min)}",
            (null, { } max) => $"a number {(MaximumExclusive ? "<" : "<=")} {Format(max)}",
            ({ } min, { } max) => $"a number in {(MinimumExclusive ? "(" : "[")}{Format(min)}, {Format(max)}{(MaximumExclusive ? ")" : "]")}",
        };
    }

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
