using HyperSweep.Search.Spec;
using System.Globalization;
using HyperSweep.Search;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep replay … --sampler NAME</c>: runs Search's <see cref="SamplerReplay"/> for each sampler on a table (a
/// recorded sweep's completed trials, or a CSV) and prints, per sampler, the best value reached after 10/25/50/…
/// trials (median and quartiles over seeds) and how many trials it needed to reach the table's best.
/// </summary>
public static class SamplerReplayReport
{
    public static async Task<int> RunAsync(CommandContext context, TabularBenchmark table, string source, IReadOnlyList<string> samplers,
        IReadOnlyDictionary<string, object?> settings, int seeds, int? budget)
    {
        if (seeds < 1)
        {
            throw new CliInputException($"--seeds must be at least 1, not {seeds}");
        }
        var trials = budget ?? Math.Max(10, table.Rows.Count);
        if (trials < 1)
        {
            throw new CliInputException($"--budget must be at least 1, not {trials}");
        }
        var seedList = Enumerable.Range(0, seeds).Select(s => (long)s).ToArray();
        var results = new List<SamplerReplayResult>();
        foreach (var name in samplers)
        {
            var own = name == "tpe" ? settings : new Dictionary<string, object?>();
            try
            {
                SamplerFactory.Validate(name, own);
            }
            catch (ArgumentException exception)
            {
                var known = Suggestions.Closest(name, SamplerFactory.Names);
                throw new CliInputException(Cli.ErrorText.Of(exception)
                    + (known.Count > 0 && !SamplerFactory.Names.Contains(name) ? $" (did you mean '{known[0]}'?)" : ""));
            }
            results.Add(SamplerReplay.Run(table, name, seed => SamplerFactory.Create(name, table.Space, seed, own), seedList, trials));
        }
        var checkpoints = SamplerReplayResult.Checkpoints(trials);
        if (context.Json)
        {
            WriteJson(context, table, source, results);
            return ExitCodes.Success;
        }
        var direction = table.Direction == StudyDirection.Maximize ? "maximize" : "minimize";
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sampler replay on {source}: {table.Rows.Count} recorded configurations over {table.Space.Parameters.Count} parameters, {table.Objective} ({direction}), table best {Formatting.Value(table.BestValue)}"));
        await context.Out.WriteLineAsync($"{seeds} seeds x {trials} trials; each proposal is answered by the nearest recorded configuration (docs/CLI.md, replay)");
        var tableOut = new TextTable(["sampler", .. checkpoints.Select(c => $"best @{c}: median [p25, p75]"), "reached table best", "trials to best: median [p25, p75]"]);
        foreach (var result in results)
        {
            var row = new List<string> { result.Sampler };
            row.AddRange(checkpoints.Select(c => Band(result.After(c))));
            row.Add($"{result.ReachedTableBest}/{seeds} seeds");
            row.Add(Band(result.TrialsToBestQuartiles, trials));
            tableOut.Add([.. row]);
        }
        tableOut.Write(context);
        return ExitCodes.Success;
    }

    private static string Band(Quartiles q, int? budget = null) =>
        $"{Number(q.Median, budget)} [{Number(q.P25, budget)}, {Number(q.P75, budget)}]";

    private static string Number(double value, int? budget) =>
        double.IsPositiveInfinity(value) && budget is { } b ? $">{b}" : budget is null ? Formatting.Value(value) : value.ToString("0.#", CultureInfo.InvariantCulture);

    private static void WriteJson(CommandContext context, TabularBenchmark table, string source, IReadOnlyList<SamplerReplayResult> results) =>
        JsonReport.WriteDocument(context.Out, json => SamplerReplayJson.Write(json, table, source, results));
}
