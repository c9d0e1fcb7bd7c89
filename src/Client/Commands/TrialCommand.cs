using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Client.Train;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep trial &lt;sweep&gt; &lt;n&gt;</c>: one trial's parameters, seed, state, pruning or pause reason, silos and
/// attempts (where each resumed), its rung and promotions or PBT lineage, and its per-epoch metrics; with
/// <c>--as-trial-file</c>, the trial file that reproduces it with <c>hypersweep train</c>.
/// </summary>
public static class TrialCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var number = new Argument<int>("trial") { Description = "The trial number (as in hypersweep trials)." };
        var asTrialFile = new Option<bool>("--as-trial-file")
        {
            Description = "Write the trial as a trial file instead: hypersweep train on it reproduces the trial's metrics exactly.",
        };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "With --as-trial-file: write to this file (default: stdout).", HelpName = "file" };
        var command = new Command("trial", "One trial: parameters, seed, state, pruning or failure reason, the silo(s) that ran it, and its per-epoch metrics.")
        {
            sweep, number, asTrialFile, output,
        };
        command.WithExamples(
            "hypersweep trial quickstart 5",
            "hypersweep trial quickstart 5 --as-trial-file -o trial5.yaml   # then: hypersweep train trial5.yaml");
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

            var assignment = await context.Grains.GetGrain<ITrialGrain>(TrialKey.Format(status.SweepId, n)).GetAssignment();
            if (parse.GetValue(asTrialFile))
            {
                var text = TrialFileWriter.Write(assignment ?? throw new CliInputException($"trial {n} of {status.SweepId} has not started yet; it has no training settings to write"), status.Name);
                if (parse.GetValue(output) is { } file)
                {
                    await OutputFile.WriteAsync(file, text);
                    if (!context.Quiet)
                    {
                        await context.Error.WriteLineAsync($"wrote trial {n} to {file.FullName}; reproduce it with: hypersweep train {file}");
                    }
                }
                else
                {
                    await context.Out.WriteAsync(text);
                }

                return ExitCodes.Success;
            }

            if (parse.GetValue(output) is not null)
            {
                throw new CliInputException("--output goes with --as-trial-file (the trial's table is printed on stdout; --json for a document)");
            }

            if (context.Json)
            {
                TrialJson.Write(context, status, detail, assignment);
                return ExitCodes.Success;
            }

            var t = detail.Summary;
            if (!context.Quiet)
            {
                await context.Out.WriteLineAsync($"trial {t.Number} of {status.Name} ({status.SweepId}): {Formatting.State(t.State)} after {t.EpochsRun} epochs");
                await context.Out.WriteLineAsync($"best {status.Objective.Metric}: {Formatting.Value(t.BestValue)}{(t.BestEpoch is { } be ? $" at epoch {be}" : "")}");
                if (t.Reason is not null)
                {
                    await context.Out.WriteLineAsync($"reason: {Formatting.Reason(t.Reason)}");
                }

                await context.Out.WriteLineAsync($"parameters: {Formatting.Parameters(t.Parameters)}");
                if (t.Kept || t.TestMetrics is not null)
                {
                    await context.Out.WriteLineAsync($"model: kept{(t.TestMetrics is { } test ? $"; test (scored once, after the search): {Models.ModelJson.Exact(test)}" : "")}");
                }

                if (assignment is not null)
                {
                    await context.Out.WriteLineAsync($"seed: {assignment.Seed} (reproduce: hypersweep trial {status.SweepId} {t.Number} --as-trial-file -o trial.yaml; hypersweep train trial.yaml)");
                }

                foreach (var attempt in detail.Attempts)
                {
                    await context.Out.WriteLineAsync($"attempt {attempt.Attempt}: silo {Formatting.Silo(attempt.Silo)}" + (attempt.ResumedFromEpoch > 0 || attempt.ResumedFromBatch > 0 ? $", resumed after epoch {attempt.ResumedFromEpoch}" + (attempt.ResumedFromBatch > 0 ? $" and {attempt.ResumedFromBatch} batches of the next" : "") : ""));
                }

                if (t.Rung is not null || t.Promotions > 0)
                {
                    await context.Out.WriteLineAsync($"scheduling: {Formatting.Scheduling(t)}");
                }

                foreach (var entry in t.Lineage ?? [])
                {
                    await context.Out.WriteLineAsync($"lineage: {Formatting.Lineage(entry)}");
                }
            }

            var metrics = detail.Epochs.SelectMany(e => e.Values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
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
