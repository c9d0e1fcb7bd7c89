using System.Globalization;
using System.Text.Json;

namespace HyperSweep.Search.Replay;

/// <summary>
/// The JSON of a sampler replay (docs/CLI.md, <c>replay --sampler</c>): the table, then per sampler the quartiles of
/// the best value after each checkpoint and the trials each seed needed to reach the table's best. Non-finite
/// numbers are null. Shared by the CLI and bench/Search.Bench so that both print the same document.
/// </summary>
public static class SamplerReplayJson
{
    public static void Write(Utf8JsonWriter json, TabularBenchmark table, string source, IReadOnlyList<SamplerReplayResult> results)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(results);
        json.WriteStartObject();
        json.WriteString("source", source);
        json.WriteNumber("configurations", table.Rows.Count);
        json.WriteString("objective", table.Objective);
        json.WriteString("direction", table.Direction == StudyDirection.Maximize ? "maximize" : "minimize");
        Number(json, "table_best", table.BestValue);
        json.WriteStartArray("samplers");
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("sampler", result.Sampler);
            json.WriteNumber("seeds", result.Seeds.Count);
            json.WriteNumber("budget", result.Budget);
            json.WriteStartObject("best_after");
            foreach (var checkpoint in SamplerReplayResult.Checkpoints(result.Budget))
            {
                var q = result.After(checkpoint);
                json.WriteStartObject(checkpoint.ToString(CultureInfo.InvariantCulture));
                Number(json, "p25", q.P25);
                Number(json, "median", q.Median);
                Number(json, "p75", q.P75);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteNumber("reached_table_best", result.ReachedTableBest);
            json.WriteStartArray("trials_to_table_best");
            foreach (var needed in result.TrialsToTableBest)
            {
                if (needed is { } n)
                {
                    json.WriteNumberValue(n);
                }
                else
                {
                    json.WriteNullValue();
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
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
}
