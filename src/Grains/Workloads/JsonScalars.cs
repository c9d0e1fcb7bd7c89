using System.Text.Json;

namespace HyperSweep.Grains.Workloads;

/// <summary>Turns JSON into the dictionary form Engine's task parser reads: string, long, double, bool, null, nested maps and lists.</summary>
internal static class JsonScalars
{
    public static IReadOnlyDictionary<string, object?> ToDictionary(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal);

    private static object? ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => ToDictionary(value),
        JsonValueKind.Array => value.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDouble(),
        _ => null,
    };
}
