using System.Globalization;
using System.Text.Json;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests.Sampling.Tpe;

/// <summary>
/// One "tpe-trace/1" file (tests/Fixtures/tpe/TPE-TRACES.md): the study's direction, the sampler's settings as
/// name → value pairs for <c>TpeSettings.From</c>, the search space as our domains, and the events.
/// </summary>
internal sealed class TpeTrace
{
    /// <summary>How a categorical choice of null (Python's None) is represented among our scalar choices.</summary>
    public const string NoneChoice = "\u2205None";

    private TpeTrace(JsonDocument document, string file)
    {
        var root = document.RootElement;
        File = file;
        Assert.Equal("tpe-trace/1", root.GetProperty("format").GetString());
        Direction = root.GetProperty("direction").GetString() == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize;
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in root.GetProperty("sampler").GetProperty("params").EnumerateObject())
        {
            if (property.Name == "seed")
            {
                Seed = property.Value.GetInt64();
                continue;
            }
            settings[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Object => property.Value.GetProperty("name").GetString(),
                JsonValueKind.Number when property.Value.TryGetInt64(out var integer) && !property.Value.GetRawText().Contains('.') => integer,
                JsonValueKind.Number => property.Value.GetDouble(),
                _ => property.Value.GetRawText(),
            };
        }
        Settings = settings;
        var parameters = new List<SearchParameter>();
        foreach (var item in root.GetProperty("search_space").EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            ParameterCondition? condition = null;
            if (item.TryGetProperty("when", out var when))
            {
                condition = new ParameterCondition(new Dictionary<string, IReadOnlyList<object>>
                {
                    [when.GetProperty("param").GetString()!] = when.GetProperty("in").EnumerateArray().Select(Scalar).ToArray(),
                });
            }
            ParameterDomain domain = item.GetProperty("type").GetString() switch
            {
                "float" => new FloatDomain(item.GetProperty("low").GetDouble(), item.GetProperty("high").GetDouble(),
                    item.GetProperty("step").ValueKind == JsonValueKind.Null ? null : item.GetProperty("step").GetDouble(), item.GetProperty("log").GetBoolean()),
                "int" => new IntDomain(item.GetProperty("low").GetInt64(), item.GetProperty("high").GetInt64(), item.GetProperty("step").GetInt64(),
                    item.GetProperty("log").GetBoolean()),
                "categorical" => new CategoricalDomain(item.GetProperty("choices").EnumerateArray().Select(Scalar).ToArray()),
                var other => throw new InvalidDataException($"{file}: unknown parameter type {other}"),
            };
            parameters.Add(new SearchParameter(name, domain, condition));
            Declarations[name] = item.Clone();
        }
        Space = new SearchSpace(parameters);
        Events = root.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public string File { get; }

    public StudyDirection Direction { get; }

    public long Seed { get; }

    public IReadOnlyDictionary<string, object?> Settings { get; }

    public SearchSpace Space { get; }

    /// <summary>Each parameter's search_space entry (bounds as Optuna held them, categorical choices).</summary>
    public Dictionary<string, JsonElement> Declarations { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<JsonElement> Events { get; }

    public static TpeTrace Load(string path)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        return new TpeTrace(document, Path.GetFileName(path));
    }

    /// <summary>A trace number: null is NaN, "Infinity"/"-Infinity" are strings.</summary>
    public static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => double.NaN,
        JsonValueKind.String => double.Parse(element.GetString()!, CultureInfo.InvariantCulture),
        _ => element.GetDouble(),
    };

    public static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(Number).ToArray();

    public static int[] Integers(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>An external value as our scalar (a categorical null becomes <see cref="NoneChoice"/>).</summary>
    public static object Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => NoneChoice,
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var integer) && !element.GetRawText().Contains('.') && !element.GetRawText().Contains('e') => integer,
        _ => element.GetDouble(),
    };

    /// <summary>A parameter event's external value as the trial's parameter value.</summary>
    public object External(string parameter, JsonElement value) =>
        Declarations[parameter].GetProperty("type").GetString() switch
        {
            "categorical" => Scalar(value),
            "int" => value.GetInt64(),
            _ => Number(value),
        };
}
