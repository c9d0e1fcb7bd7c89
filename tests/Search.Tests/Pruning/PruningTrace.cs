using System.Text.Json;
using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Tests.Pruning;

/// <summary>A parsed pruning-trace/1 file (TRACES.md §1).</summary>
internal sealed class PruningTrace
{
    private PruningTrace(JsonElement root)
    {
        Root = root;
        StudyName = root.GetProperty("study_name").GetString()!;
        Direction = root.GetProperty("direction").GetString() == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize;
        Pruner = ToSpec(root.GetProperty("pruner"));
        Events = root.GetProperty("events").EnumerateArray().ToList();
    }

    public JsonElement Root { get; }

    public string StudyName { get; }

    public StudyDirection Direction { get; }

    public PrunerSpec Pruner { get; }

    public List<JsonElement> Events { get; }

    public JsonElement? Derived(string name) =>
        Root.TryGetProperty("derived", out var derived) && derived.TryGetProperty(name, out var value) ? value : null;

    public static PruningTrace Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new PruningTrace(document.RootElement.Clone());
    }

    public static double ValueOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();

    public static TrialState StateOf(string end) => end switch
    {
        "complete" => TrialState.Completed,
        "pruned" => TrialState.Pruned,
        "fail" => TrialState.Failed,
        _ => throw new InvalidDataException($"unknown end state '{end}'"),
    };

    private static PrunerSpec ToSpec(JsonElement pruner)
    {
        var settings = new Dictionary<string, object?>();
        foreach (var property in pruner.GetProperty("params").EnumerateObject())
        {
            settings[property.Name] = ToSetting(property.Value);
        }
        return new PrunerSpec(pruner.GetProperty("name").GetString()!, settings);
    }

    private static object? ToSetting(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Object => ToSpec(value),
        _ => throw new InvalidDataException($"unexpected pruner setting {value}"),
    };
}
