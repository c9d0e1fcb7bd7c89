using System.CommandLine;
using System.Globalization;
using System.Text;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep export &lt;sweep&gt; --format csv|json [-o file] [--per-epoch]</c>: one row per trial (fixed columns, then
/// one column per parameter) or one row per trial and epoch (plus one column per metric). Numbers are written
/// round-trip exact (invariant culture, "R").
/// </summary>
public static class ExportCommand
{
    public static readonly string[] TrialColumns = ["trial", "state", "epochs_run", "best_value", "best_epoch", "last_value", "attempts", "silo", "reason"];

    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var format = new Option<string>("--format", "-f") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of stdout.", HelpName = "file" };
        var perEpoch = new Option<bool>("--per-epoch") { Description = "One row per trial and epoch, with every recorded metric." };
        var command = new Command("export", "Export a sweep's trials (params as columns) or per-epoch metrics as CSV or JSON, numbers exact.") { sweep, format, output, perEpoch };
        command.WithExamples(
            "hypersweep export quickstart -o results.csv",
            "hypersweep export quickstart --per-epoch --format json -o curves.json");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, _) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var trials = await grain.GetTrials();
            var parameterNames = trials.SelectMany(t => t.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var rows = new List<(string[] Columns, object?[] Values)>();
            if (parse.GetValue(perEpoch))
            {
                var details = new List<TrialDetail>();
                foreach (var t in trials)
                {
                    if (await grain.GetTrial(t.Number) is { } detail)
                    {
                        details.Add(detail);
                    }
                }

                var metrics = details.SelectMany(d => d.Epochs.SelectMany(e => e.Values.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                string[] columns = ["trial", "epoch", "state", .. metrics, .. parameterNames];
                foreach (var d in details)
                {
                    foreach (var e in d.Epochs)
                    {
                        object?[] values = [d.Summary.Number, e.Epoch, Formatting.State(d.Summary.State),
                            .. metrics.Select(m => e.Values.TryGetValue(m, out var v) ? (object?)v : null),
                            .. parameterNames.Select(p => d.Summary.Parameters.GetValueOrDefault(p))];
                        rows.Add((columns, values));
                    }
                }

                await WriteAsync(parse.GetValue(format)!, parse.GetValue(output), context, columns, rows.Select(r => r.Values).ToList());
                return ExitCodes.Success;
            }

            string[] trialColumns = [.. TrialColumns, .. parameterNames];
            var trialRows = trials.Select(t => (object?[])[t.Number, Formatting.State(t.State), t.EpochsRun, t.BestValue, t.BestEpoch, t.LastValue, t.Attempts, t.Silo, t.Reason,
                .. parameterNames.Select(p => t.Parameters.GetValueOrDefault(p))]).ToList();
            await WriteAsync(parse.GetValue(format)!, parse.GetValue(output), context, trialColumns, trialRows);
            return ExitCodes.Success;
        }, json: false);
        return command;
    }

    private static async Task WriteAsync(string format, FileInfo? file, CommandContext context, string[] columns, IReadOnlyList<object?[]> rows)
    {
        var text = format == "json" ? Json(columns, rows) : Csv(columns, rows);
        if (file is null)
        {
            await context.Out.WriteAsync(text);
            await context.Out.FlushAsync();
            return;
        }

        await OutputFile.WriteAsync(file, text);
        if (!context.Quiet)
        {
            await context.Error.WriteLineAsync($"wrote {rows.Count} rows to {file.FullName}");
        }
    }

    private static string Csv(string[] columns, IReadOnlyList<object?[]> rows)
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', columns.Select(Quote)).Append('\n');
        foreach (var row in rows)
        {
            builder.AppendJoin(',', row.Select(v => Quote(Cell(v)))).Append('\n');
        }

        return builder.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Formatting.Exact(value),
    };

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string Json(string[] columns, IReadOnlyList<object?[]> rows)
    {
        using var writer = new StringWriter();
        JsonReport.WriteDocument(writer, json =>
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < columns.Length; i++)
                {
                    switch (row[i])
                    {
                        case null:
                            json.WriteNull(columns[i]);
                            break;
                        case double d:
                            JsonReport.WriteNumber(json, columns[i], d);
                            break;
                        case int n:
                            json.WriteNumber(columns[i], n);
                            break;
                        case long l:
                            json.WriteNumber(columns[i], l);
                            break;
                        case bool b:
                            json.WriteBoolean(columns[i], b);
                            break;
                        default:
                            json.WriteString(columns[i], Formatting.Exact(row[i]));
                            break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
        return writer.ToString();
    }
}
