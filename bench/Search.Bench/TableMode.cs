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
        var results = samplers.Select(name =>
        {
            var settings = name == "tpe" ? options.Settings() : new Dictionary<string, object?>();
            return SamplerReplay.Run(table, name, seed => SamplerFactory.Create(name, table.Space, seed, settings), seeds, budget);
        }).ToList();
        using (var json = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true }))
        {
            SamplerReplayJson.Write(json, table, Path.GetFileName(path), results);
        }
        Console.WriteLine();
    }
}
