using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Client.Plotting;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep importance &lt;sweep&gt; [-o chart.png]</c>: which hyper-parameters mattered for reaching the sweep's best
/// values (PED-ANOVA over the completed trials, each conditional parameter within its condition; docs/ANALYSIS.md).
/// </summary>
public static class ImportanceCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Also draw a bar chart to this file (.png, or .svg)." };
        var command = new Command("importance", "Rank the sweep's hyper-parameters by their effect on the objective (PED-ANOVA), as a table, JSON or a bar chart.")
        {
            sweep, output,
        };
        command.WithExamples(
            "hypersweep importance sst2-dan",
            "hypersweep importance sst2-dan -o importance.png",
            "hypersweep importance sst2-dan --json");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var report = (await grain.GetImportance())!;
            if (parse.GetValue(output) is { } file)
            {
                if (report.Parameters.Count == 0)
                {
                    throw new CliInputException($"sweep {status.SweepId}: nothing to chart: {report.Note}");
                }

                await OutputFile.SaveAsync(file, path =>
                {
                    ImportanceChart.Save(report, $"{status.Name}: hyper-parameter importance for {status.Objective}", path, 1000, 140 + (70 * report.Parameters.Count));
                    return Task.CompletedTask;
                });
                if (!context.Quiet && !context.Json)
                {
                    await context.Error.WriteLineAsync($"wrote {file.FullName}");
                }
            }

            if (context.Json)
            {
                JsonReport.WriteDocument(context.Out, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("sweep_id", status.SweepId);
                    json.WriteString("objective", status.Objective.ToString());
                    json.WriteString("method", report.Method);
                    json.WriteNumber("trials", report.Trials);
                    json.WriteNumber("top_quantile", report.TopQuantile);
                    json.WriteString("note", report.Note);
                    json.WriteStartArray("parameters");
                    foreach (var p in report.Parameters)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", p.Name);
                        JsonReport.WriteNumber(json, "importance", p.Importance);
                        JsonReport.WriteNumber(json, "divergence", p.Divergence);
                        json.WriteString("condition", p.Condition);
                        json.WriteNumber("trials", p.Trials);
                        json.WriteNumber("top_trials", p.TopTrials);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            if (report.Note is not null)
            {
                await context.Out.WriteLineAsync($"{status.Name} ({status.SweepId}): {report.Note}");
                return ExitCodes.Success;
            }

            var table = new TextTable("rank", "parameter", "importance", "divergence", "when", "trials", "top");
            for (var i = 0; i < report.Parameters.Count; i++)
            {
                var p = report.Parameters[i];
                table.Add(TextTable.Int(i + 1), p.Name, p.Importance.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
                    Formatting.Value(p.Divergence), p.Condition ?? "always", TextTable.Int(p.Trials), TextTable.Int(p.TopTrials));
            }

            table.Write(context, $"{status.Name} ({status.SweepId}): importance for {status.Objective} ({report.Method}, top {report.TopQuantile:P0} of {report.Trials} completed trials)");
            return ExitCodes.Success;
        });
        return command;
    }
}
