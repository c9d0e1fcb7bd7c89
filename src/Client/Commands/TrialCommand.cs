using System.CommandLine;
using HyperSweep.Client.Connection;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep trial &lt;sweep&gt; &lt;n&gt;</c>: one trial's parameters, state, pruning reason, silos and per-epoch metrics.</summary>
public static class TrialCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var number = new Argument<int>("trial") { Description = "The trial number (as in hypersweep trials)." };
        var command = new Command("trial", "One trial: parameters, state, pruning or failure reason, the silo(s) that ran it, and its per-epoch metrics.")
        {
            sweep, number,
        };
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var n = parse.GetValue(number);
            var detail = await grain.GetTrial(n);
            if (detail is null)
            {
                var trials = await grain.GetTrials();
                var range = trials.Count == 0 ? "it has no trials yet" : $"its trials are {trials.Min(t => t.Number)}..{trials.Max(t => t.Number)}";
                throw new CliInputException($"sweep {status.SweepId} has no trial {n}; {range}");
            }

            var metrics = detail.Epochs.SelectMany(e => e.Values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var t = detail.Summary;
            if (context.Json)
            {
                JsonReport.WriteDocument(context.Out, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("sweep_id", status.SweepId);
                    json.WritePropertyName("trial");
                    JsonReport.WriteTrial(json, t);
                    json.WriteStartArray("attempts");
                    foreach (var attempt in detail.Attempts)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("attempt", attempt.Attempt);
                        json.WriteString("silo", attempt.Silo);
                        json.WriteNumber("resumed_from_epoch", attempt.ResumedFromEpoch);
                        json.WriteNumber("resumed_from_batch", attempt.ResumedFromBatch);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("epochs");
                    foreach (var epoch in detail.Epochs)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("epoch", epoch.Epoch);
                        foreach (var (name, value) in epoch.Values)
                        {
                            JsonReport.WriteNumber(json, name, value);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            if (!context.Quiet)
            {
                await context.Out.WriteLineAsync($"trial {t.Number} of {status.Name} ({status.SweepId}): {Formatting.State(t.State)} after {t.EpochsRun} epochs");
                await context.Out.WriteLineAsync($"best {status.Objective.Metric}: {Formatting.Value(t.BestValue)}{(t.BestEpoch is { } be ? $" at epoch {be}" : "")}");
                if (t.Reason is not null)
                {
                    await context.Out.WriteLineAsync($"reason: {t.Reason}");
                }

                await context.Out.WriteLineAsync($"parameters: {Formatting.Parameters(t.Parameters)}");
                foreach (var attempt in detail.Attempts)
                {
                    await context.Out.WriteLineAsync($"attempt {attempt.Attempt}: silo {attempt.Silo}" + (attempt.ResumedFromEpoch > 0 || attempt.ResumedFromBatch > 0 ? $", resumed after epoch {attempt.ResumedFromEpoch}" + (attempt.ResumedFromBatch > 0 ? $" and {attempt.ResumedFromBatch} batches of the next" : "") : ""));
                }
            }

            var table = new TextTable(["epoch", .. metrics]);
            foreach (var epoch in detail.Epochs)
            {
                table.Add([TextTable.Int(epoch.Epoch), .. metrics.Select(m => epoch.Values.TryGetValue(m, out var v) ? Formatting.Value(v) : "-")]);
            }

            table.Write(context);
            return ExitCodes.Success;
        });
        return command;
    }
}
