using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep trials &lt;sweep&gt;</c>: every trial by number with state, epochs, best value, reason and parameters.</summary>
public static class TrialsCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var command = new Command("trials", "Every trial of a sweep: number, state, epochs, best value, parameters, silo, reason.") { sweep };
        command.WithExamples(
            "hypersweep trials quickstart",
            "hypersweep trials quickstart --json | jq '.trials[] | select(.state == \"failed\")'");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var trials = await grain.GetTrials();
            if (context.Json)
            {
                WriteJson(context, status, trials);
                return ExitCodes.Success;
            }

            // The silo column only where trials ran on more than one silo; the settings every trial shares once, above.
            var columns = ParameterColumns.Of(trials);
            var silos = trials.Select(t => Formatting.Silo(t.Silo)).Where(s => s != "-").Distinct().Count() > 1;
            string[] headers = ["trial", "state", "epochs", status.Objective.Metric, "parameters", .. silos ? new[] { "silo" } : [], "reason"];
            var table = new TextTable(headers);
            foreach (var t in trials)
            {
                string[] cells = [TextTable.Int(t.Number), Formatting.State(t.State), TextTable.Int(t.EpochsRun), Formatting.Value(t.BestValue),
                    columns.Varying(t), .. silos ? new[] { Formatting.Silo(t.Silo) } : [], Formatting.Reason(t.Reason)];
                table.Add(cells);
            }

            var title = $"{status.Name} ({status.SweepId}): {trials.Count} trials" + (columns.SharedLine is { } shared ? "\n" + shared : "");
            table.Write(context, title);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>{ sweep_id, objective, trials: [trial objects] } — shared by trials --json and top --json.</summary>
    public static void WriteJson(CommandContext context, SweepStatus status, IReadOnlyList<TrialSummary> trials)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(trials);
        JsonReport.WriteDocument(context.Out, json =>
        {
            json.WriteStartObject();
            json.WriteString("sweep_id", status.SweepId);
            json.WriteStartObject("objective");
            json.WriteString("metric", status.Objective.Metric);
            json.WriteString("direction", status.Objective.Maximize ? "maximize" : "minimize");
            json.WriteEndObject();
            json.WriteStartArray("trials");
            foreach (var trial in trials)
            {
                JsonReport.WriteTrial(json, trial);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
