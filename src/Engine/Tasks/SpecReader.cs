using System.Collections;
using System.Globalization;
using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tasks;

/// <summary>
/// Typed, validated access to one level of a string → object dictionary as Search hands it over from
/// YAML: values may be typed (int, bool) or strings ("500", "true"), nested sections any dictionary.
/// Every error names the full field path; unknown keys are errors listing the accepted ones.
/// </summary>
internal sealed class SpecReader
{
    private readonly Dictionary<string, object?> _values;
    private readonly string _path;

    public SpecReader(object? section, string path)
    {
        _path = path;
        _values = ToDictionary(section) ?? throw new EngineException($"{path}: expected a section (a mapping of names to values), got {Describe(section)}");
    }

    public static Dictionary<string, object?>? ToDictionary(object? value)
    {
        if (value is IDictionary dictionary)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in dictionary)
            {
                result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
            }

            return result;
        }

        if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        }

        return null;
    }

    public string Path => _path;

    public string Field(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    public void RejectUnknown(params string[] accepted)
    {
        foreach (var key in _values.Keys)
        {
            if (Array.IndexOf(accepted, key) < 0)
            {
                throw new EngineException($"{Field(key)}: unknown field; accepted here: {string.Join(", ", accepted)}");
            }
        }
    }

    public bool Has(string name) => _values.TryGetValue(name, out var value) && value is not null;

    public object? Raw(string name) => _values.GetValueOrDefault(name);

    public string RequiredString(string name)
    {
        if (!Has(name))
        {
            throw new EngineException($"{Field(name)}: required field is missing");
        }

        return OptionalString(name)!;
    }

    public string? OptionalString(string name)
    {
        if (!Has(name))
        {
            return null;
        }

        var value = _values[name];
        if (value is string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new EngineException($"{Field(name)}: must not be empty");
            }

            return text.Trim();
        }

        throw new EngineException($"{Field(name)}: expected a text value, got {Describe(value)}");
    }

    public T Choice<T>(string name, IReadOnlyDictionary<string, T> choices, T? fallback = null)
        where T : struct
    {
        var text = fallback is null ? RequiredString(name) : OptionalString(name);
        if (text is null)
        {
            return fallback!.Value;
        }

        if (choices.TryGetValue(text, out var choice))
        {
            return choice;
        }

        throw new EngineException($"{Field(name)}: unknown value '{text}'; accepted: {string.Join(" | ", choices.Keys)}");
    }

    public int Int(string name, int fallback) => OptionalInt(name) ?? fallback;

    public int? OptionalInt(string name)
    {
        if (!Has(name))
        {
            return null;
        }

        var value = _values[name];
        switch (value)
        {
            case int i:
                return i;
            case long l when l is >= int.MinValue and <= int.MaxValue:
                return (int)l;
            case double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                return (int)d;
            case string s when int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new EngineException($"{Field(name)}: expected an integer, got {Describe(value)}");
        }
    }

    public double Double(string name, double fallback) => OptionalDouble(name) ?? fallback;

    public double? OptionalDouble(string name)
    {
        if (!Has(name))
        {
            return null;
        }

        var value = _values[name];
        switch (value)
        {
            case double d:
                return d;
            case float f:
                return f;
            case int i:
                return i;
            case long l:
                return l;
            case decimal m:
                return (double)m;
            case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new EngineException($"{Field(name)}: expected a number, got {Describe(value)}");
        }
    }

    public bool Bool(string name, bool fallback)
    {
        if (!Has(name))
        {
            return fallback;
        }

        var value = _values[name];
        return value switch
        {
            bool b => b,
            string s when bool.TryParse(s.Trim(), out var parsed) => parsed,
            _ => throw new EngineException($"{Field(name)}: expected true or false, got {Describe(value)}"),
        };
    }

    public static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"'{s}'",
        IDictionary => "a section",
        _ => $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}' ({value.GetType().Name})",
    };
}
