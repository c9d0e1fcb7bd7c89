using HyperSweep.Search;
using System.CommandLine;
using System.Globalization;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep status &lt;sweep&gt;</c>: state, progress, best so far, pruned/failed counts and the running trials, once.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var command = new Command("status", "Show a sweep once: state, progress, best so far, counts and the running trials with their epoch and metric.") { sweep };
        command.WithExamples(
            "hypersweep status quickstart",
            "hypersweep status sw-20261206 --quiet     # just the state: running, paused, completed, cancelled or failed");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var trials = await grain.GetTrials();
            Print(context, new SweepSnapshot(status, trials));
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Print(CommandContext context, SweepSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(snapshot);
        var status = snapshot.Status;
        var running = snapshot.Trials.Where(t => t.State == TrialState.Running).ToList();
        if (context.Json)
        {
            JsonReport.WriteDocument(context.Out, json =>
            {
                json.WriteStartObject();
                JsonReport.WriteStatusFields(json, status);
                json.WriteStartArray("running_trials");
                foreach (var trial in running)
                {
                    JsonReport.WriteTrial(json, trial);
                }

                json.WriteEndArray();
                FailureSummary.WriteJson(json, snapshot.Trials);
                json.WriteEndObject();
            });
            return;
        }

        if (context.Quiet)
        {
            context.Out.WriteLine(Formatting.State(status.State));
            context.Out.Flush();
            return;
        }

        // The bar counts trials that ran to an end; cancelled ones never will, so a cancelled sweep is never a full bar.
        var percent = Percent(status);
        context.Out.WriteLine($"{status.Name} ({status.SweepId}): {Formatting.State(status.State)}{(status.Reason is null ? "" : $" ({Formatting.Reason(status.Reason)})")}");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {ProgressBar(percent)} {percent:0}%  {Formatting.Counts(status)}"));
        context.Out.WriteLine($"objective: {status.Objective}; {Formatting.Best(status)}");
        foreach (var line in FailureSummary.Lines(snapshot.Trials))
        {
            context.Out.WriteLine(line);
        }

        if (running.Count > 0)
        {
            var columns = ParameterColumns.Of(snapshot.Trials);
            var table = new TextTable("trial", "epoch", status.Objective.Metric, "silo", "parameters");
            foreach (var t in running)
            {
                table.Add(TextTable.Int(t.Number), TextTable.Int(t.EpochsRun), Formatting.Value(t.LastValue), Formatting.Silo(t.Silo), columns.Varying(t));
            }

            table.Write(context, "running trials");
        }

        context.Out.Flush();
    }

    /// <summary>Trials that ran to an end (completed, pruned, failed) out of those planned, in percent.</summary>
    public static double Percent(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var ran = status.Completed + status.Pruned + status.Failed;
        return status.PlannedTrials == 0 ? (status.IsFinal ? 100 : 0) : 100.0 * ran / status.PlannedTrials;
    }

    /// <summary>A 20-character bar made of '#' and '.', readable in any terminal and in logs.</summary>
    public static string ProgressBar(double percent)
    {
        var filled = (int)Math.Round(Math.Clamp(percent, 0, 100) / 5);
        return "[" + new string('#', filled) + new string('.', 20 - filled) + "]";
    }
}
