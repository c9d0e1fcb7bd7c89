using System.Globalization;
using System.Text.Json;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spec;

namespace HyperSweep.Search.Bench;

/// <summary>
/// <c>--table FILE.csv [--objective COLUMN] [--direction minimize|maximize] [--space FILE] [--sampler tpe --sampler random]
/// [--set k=v] [--seeds 20] [--budget N]</c>: the CLI's sampler replay on a table, as JSON (best-so-far quartiles at
/// 10/25/50/… trials and the trials each seed needed to reach the table's best).
/// </summary>
internal static class TableMode
{
    public static void Run(BenchOptions options)
    {
        var path = options.Value("--table")!;
        var direction = options.Value("--direction") == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize;
        var space = options.Value("--space") is { } spaceFile ? SweepSpecParser.ParseSpaceFile(spaceFile) : null;
        var table = TableCsv.Load(path, direction, options.Value("--objective"), space);
        var samplers = options.Values("--sampler") is { Count: > 0 } chosen ? chosen : SamplerFactory.Names;
        var seeds = Enumerable.Range(0, options.Int("--seeds", 20)).Select(s => (long)s).ToArray();
        var budget = options.Int("--budget", Math.Max(10, table.Rows.Count));
        using var json = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("table", Path.GetFileName(path));
        json.WriteNumber("configurations", table.Rows.Count);
        json.WriteString("objective", table.Objective);
        json.WriteNumber("table_best", table.BestValue);
        json.WriteStartObject("samplers");
        foreach (var name in samplers)
        {
            var settings = name == "tpe" ? options.Settings() : new Dictionary<string, object?>();
            var result = SamplerReplay.Run(table, name, seed => SamplerFactory.Create(name, table.Space, seed, settings), seeds, budget);
            json.WriteStartObject(name);
            json.WriteStartObject("best_after");
            foreach (var checkpoint in SamplerReplayResult.Checkpoints(budget))
            {
                var q = result.After(checkpoint);
                json.WriteStartObject(checkpoint.ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("p25", q.P25);
                json.WriteNumber("median", q.Median);
                json.WriteNumber("p75", q.P75);
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
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        Console.WriteLine();
    }
}
