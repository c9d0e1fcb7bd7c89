using System.CommandLine;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep trials &lt;sweep&gt;</c>: every trial by number with state, epochs, best value, reason and parameters, and
/// under a scheduler its rung, promotions and lineage.
/// </summary>
public static class TrialsCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var command = new Command("trials", "Every trial of a sweep: number, state, epochs, best value, silo, reason, parameters.") { sweep };
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var trials = await grain.GetTrials();
            if (context.Json)
            {
                WriteJson(context, status, trials);
                return ExitCodes.Success;
            }

            // A scheduler's sweep also shows each trial's rung, promotions and PBT lineage.
            var scheduled = status.Scheduler is not null;
            var table = scheduled
                ? new TextTable("trial", "state", "epochs", status.Objective.Metric, "scheduling", "silo", "reason", "parameters")
                : new TextTable("trial", "state", "epochs", status.Objective.Metric, "silo", "reason", "parameters");
            foreach (var t in trials)
            {
                string[] head = [TextTable.Int(t.Number), Formatting.State(t.State), TextTable.Int(t.EpochsRun), Formatting.Value(t.BestValue)];
                string[] tail = [t.Silo ?? "-", t.Reason ?? "", Formatting.Parameters(t.Parameters)];
                table.Add(scheduled ? [.. head, Formatting.Scheduling(t), .. tail] : [.. head, .. tail]);
            }

            table.Write(context, $"{status.Name} ({status.SweepId}): {trials.Count} trials");
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
