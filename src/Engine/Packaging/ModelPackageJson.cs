using System.Text.Json;
using HyperSweep.Engine.Tasks;
using HyperSweep.Search;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// The description block of a model file as JSON (field names in docs/MODELS.md). Numbers are written in their
/// shortest round-trip form, so the recorded metrics read back bit for bit.
/// </summary>
internal static class ModelPackageJson
{
    public static byte[] Write(ModelPackageInfo info, IReadOnlyList<NamedWeights> weights)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", "hypersweep-model");
            json.WriteNumber("format_version", ModelPackageFormat.Version);
            json.WriteString("engine_version", info.EngineVersion);
            json.WritePropertyName("origin");
            if (info.Origin is { } origin)
            {
                json.WriteStartObject();
                json.WriteString("sweep_id", origin.SweepId);
                json.WriteString("sweep_name", origin.SweepName);
                json.WriteNumber("trial", origin.Trial);
                WriteOptional(json, "rank", origin.Rank);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNullValue();
            }

            json.WritePropertyName("task");
            WriteValue(json, info.Task.ToDictionary());
            json.WriteString("base_directory", info.BaseDirectory);
            json.WritePropertyName("labels");
            WriteValue(json, info.Labels);
            json.WritePropertyName("hyper_parameters");
            WriteValue(json, info.HyperParameters);
            json.WriteNumber("seed", info.Seed);
            json.WriteStartObject("objective");
            json.WriteString("metric", info.Objective.Metric);
            json.WriteString("direction", info.Objective.Maximize ? "maximize" : "minimize");
            json.WriteEndObject();
            json.WriteNumber("best_epoch", info.BestEpoch);
            json.WritePropertyName("metrics");
            WriteMetrics(json, info.Metrics);
            json.WritePropertyName("test_metrics");
            WriteMetrics(json, info.TestMetrics);
            json.WritePropertyName("vocabulary");
            WriteValue(json, info.Vocabulary);
            json.WriteStartArray("weights");
            foreach (var w in weights)
            {
                json.WriteStartObject();
                json.WriteString("name", w.Name);
                json.WriteNumber("size", w.Values.Length);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static (ModelPackageInfo Info, IReadOnlyList<(string Name, int Size)> Weights) Read(ReadOnlySpan<byte> bytes, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            var origin = root.GetProperty("origin") is { ValueKind: JsonValueKind.Object } o
                ? new ModelOrigin(o.GetProperty("sweep_id").GetString()!, o.GetProperty("sweep_name").GetString(), o.GetProperty("trial").GetInt32(),
                    o.GetProperty("rank").ValueKind == JsonValueKind.Number ? o.GetProperty("rank").GetInt32() : null)
                : null;
            var objective = root.GetProperty("objective");
            var direction = objective.GetProperty("direction").GetString() == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize;
            var info = new ModelPackageInfo(
                root.GetProperty("engine_version").GetString()!,
                TaskDefinition.Parse((IReadOnlyDictionary<string, object?>)ToValue(root.GetProperty("task"))!),
                root.GetProperty("base_directory").GetString()!,
                [.. root.GetProperty("vocabulary").EnumerateArray().Select(e => e.GetString()!)],
                root.GetProperty("labels") is { ValueKind: JsonValueKind.Array } labels ? [.. labels.EnumerateArray().Select(e => e.GetString()!)] : null,
                (IReadOnlyDictionary<string, object?>)ToValue(root.GetProperty("hyper_parameters"))!,
                root.GetProperty("seed").GetInt32(),
                new Objective(objective.GetProperty("metric").GetString()!, direction),
                root.GetProperty("best_epoch").GetInt32(),
                ReadMetrics(root.GetProperty("metrics"))!,
                ReadMetrics(root.GetProperty("test_metrics")),
                origin);
            var weights = root.GetProperty("weights").EnumerateArray().Select(w => (w.GetProperty("name").GetString()!, w.GetProperty("size").GetInt32())).ToList();
            return (info, weights);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidCastException)
        {
            throw new EngineException($"{source}: the model file's description is not readable: {exception.Message}", exception);
        }
    }

    /// <summary>The weights must be those the description lists, in its order.</summary>
    public static void CheckWeights(IReadOnlyList<(string Name, int Size)> described, IReadOnlyList<NamedWeights> weights, string source)
    {
        if (described.Count != weights.Count || described.Zip(weights).Any(p => p.First.Name != p.Second.Name || p.First.Size != p.Second.Values.Length))
        {
            throw new EngineException($"{source}: the model file's weights do not match its description");
        }
    }

    private static void WriteMetrics(Utf8JsonWriter json, IReadOnlyDictionary<string, double>? metrics)
    {
        if (metrics is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        foreach (var (name, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(name, value);
            }
            else
            {
                json.WriteNull(name);
            }
        }

        json.WriteEndObject();
    }

    private static IReadOnlyDictionary<string, double>? ReadMetrics(JsonElement element) => element.ValueKind == JsonValueKind.Object
        ? element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN, StringComparer.Ordinal)
        : null;

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>The values a task section or a hyper-parameter set holds: text, integers, reals, booleans, lists and sections.</summary>
    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case float f:
                json.WriteNumberValue(f);
                break;
            case IEnumerable<KeyValuePair<string, object?>> section:
                json.WriteStartObject();
                foreach (var (key, item) in section.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(key);
                    WriteValue(json, item);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                throw new EngineException($"model file: cannot write a value of type {value.GetType().Name}");
        }
    }

    /// <summary>JSON back to the value types specs produce: string, long (whole numbers), double, bool, lists, sections.</summary>
    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number => element.TryGetInt64(out var whole) && !element.GetRawText().Contains('.') && !element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase)
            ? whole
            : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        _ => throw new FormatException($"unexpected JSON {element.ValueKind}"),
    };
}
