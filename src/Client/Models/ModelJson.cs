using System.Text.Json;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Engine.Packaging;

namespace HyperSweep.Client.Models;

/// <summary>JSON pieces the model commands share (field names in docs/CLI.md).</summary>
public static class ModelJson
{
    /// <summary>A model's description: origin, task kind, architecture, epoch, dev and test metrics, engine version.</summary>
    public static void WriteModel(Utf8JsonWriter json, string name, ModelPackageInfo info, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(info);
        json.WriteStartObject(name);
        json.WriteString("source", source);
        json.WriteString("task_kind", Engine.Tasks.TaskDefinition.KindName(info.Task.Kind));
        json.WriteNumber("best_epoch", info.BestEpoch);
        json.WriteString("engine_version", info.EngineVersion);
        if (info.Origin is { } origin)
        {
            json.WriteString("sweep_id", origin.SweepId);
            json.WriteNumber("trial", origin.Trial);
        }

        WriteMetrics(json, "metrics", info.Metrics);
        WriteMetrics(json, "test_metrics", info.TestMetrics);
        json.WriteEndObject();
    }

    public static void WriteMetrics(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, double>? metrics)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (metrics is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        foreach (var (metric, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            JsonReport.WriteNumber(json, metric, value);
        }

        json.WriteEndObject();
    }

    public static void WriteArtifact(Utf8JsonWriter json, string name, ArtifactRef? artifact)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (artifact is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("path", artifact.Path);
        json.WriteString("hash", artifact.Hash);
        json.WriteNumber("bytes", artifact.Length);
        json.WriteEndObject();
    }

    /// <summary>Metrics as "name value" pairs for plain text, every digit kept (round-trip form).</summary>
    public static string Exact(IReadOnlyDictionary<string, double>? metrics) => metrics is null || metrics.Count == 0
        ? "-"
        : string.Join(", ", metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {Exact(m.Value)}"));

    public static string Exact(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
