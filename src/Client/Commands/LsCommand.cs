using System.CommandLine;
using System.Globalization;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep ls</c>: every sweep with its state, progress, best value and age, newest first.</summary>
public static class LsCommand
{
    public static Command Create()
    {
        var command = new Command("ls", "List sweeps: id, name, state, progress, best value, age (newest first).");
        command.WithExamples("hypersweep ls", "hypersweep ls --quiet          # ids only, for scripts", "hypersweep ls --cluster redis://head:6379/lab");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, (_, context, _) => RunAsync(context));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context)
    {
        var entries = await context.Grains.GetGrain<ISweepRegistryGrain>(0).List();
        var statuses = new List<SweepStatus>();
        foreach (var entry in entries.OrderByDescending(e => e.CreatedAt))
        {
            if (await context.Grains.GetGrain<ISweepGrain>(entry.SweepId).GetStatus() is { } status)
            {
                statuses.Add(status);
            }
        }

        if (context.Json)
        {
            JsonReport.WriteDocument(context.Out, json =>
            {
                json.WriteStartArray();
                foreach (var status in statuses)
                {
                    json.WriteStartObject();
                    JsonReport.WriteStatusFields(json, status);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            });
            return ExitCodes.Success;
        }

        if (context.Quiet)
        {
            foreach (var status in statuses)
            {
                await context.Out.WriteLineAsync(status.SweepId);
            }

            return ExitCodes.Success;
        }

        var table = new TextTable("sweep", "name", "state", "progress", "best", "age");
        foreach (var s in statuses)
        {
            table.Add(s.SweepId, s.Name, Formatting.State(s.State), $"{s.Finished}/{s.PlannedTrials}",
                s.Best is { } best ? $"{s.Objective.Metric}={Formatting.Value(best.BestValue)}" : "-", Age(DateTimeOffset.UtcNow - s.CreatedAt));
        }

        table.Write(context);
        return ExitCodes.Success;
    }

    public static string Age(TimeSpan age) => age.TotalMinutes < 1 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours}h"
        : ((int)age.TotalDays).ToString(CultureInfo.InvariantCulture) + "d";
}
