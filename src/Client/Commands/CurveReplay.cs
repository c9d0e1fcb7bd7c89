using System.Globalization;
using HyperSweep.Client.Cli;
using HyperSweep.Contracts;
using HyperSweep.Search;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Scheduling;
using HyperSweep.Search.Spaces;
using HyperSweep.Search.Spec;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep replay &lt;sweep&gt; --pruner NAME | --scheduler asha|hyperband</c>: Search's <see cref="ReplaySimulator"/>
/// on the sweep's recorded curves (its objective metric per epoch, epoch k reported as step k as in the sweep): the
/// epochs another pruner — or ASHA with promotions, which pauses trials and resumes them where they paused — would have
/// spent and whether it would have kept the best trial. PBT cannot be replayed (an exploitation changes the curve that
/// follows it).
/// </summary>
internal static class CurveReplay
{
    public static async Task<int> RunAsync(CommandContext context, ISweepGrain grain, SweepStatus status, string? pruner, string? scheduler, string[] pairs, int count)
    {
        var name = pruner ?? scheduler!;
        if (scheduler is not null && string.Equals(scheduler, SchedulerFactory.Pbt, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliInputException("PBT cannot be replayed: an exploitation changes the curve that follows it");
        }

        IReadOnlyDictionary<string, object?> settings;
        try
        {
            settings = SettingPairs.Parse(pairs);
        }
        catch (ArgumentException exception)
        {
            throw new CliInputException(ErrorText.Of(exception));
        }

        // A scheduler's top level is the longest recorded curve (a sweep's is its budget): checked now, built once the curves are read.
        IScheduler Build(int longest)
        {
            try
            {
                return pruner is not null
                    ? new PrunerScheduler(PrunerFactory.Create(new PrunerSpec(pruner, settings)))
                    : SchedulerFactory.Create(new SchedulerSpec(scheduler!, settings), new SchedulerContext(new SearchSpace([]), longest, 0));
            }
            catch (ArgumentException exception)
            {
                IReadOnlyList<string> names = pruner is not null ? [.. PrunerFactory.KnownNames.Keys] : SchedulerFactory.KnownNames;
                var known = Suggestions.Closest(name, names);
                throw new CliInputException(ErrorText.Of(exception) + (known.Count > 0 && !names.Contains(name, StringComparer.OrdinalIgnoreCase) ? $" (did you mean '{known[0]}'?)" : ""));
            }
        }

        Build(int.MaxValue);
        if (count < 1)
        {
            throw new CliInputException($"--workers must be at least 1, not {count}");
        }

        var curves = new List<RecordedCurve>();
        var numbers = new List<int>();
        foreach (var t in await grain.GetTrials())
        {
            var detail = await grain.GetTrial(t.Number);
            var values = detail?.Epochs.Select(e => e.Values.TryGetValue(status.Objective.Metric, out var v) ? v : double.NaN).ToList();
            if (values is { Count: > 0 })
            {
                curves.Add(new RecordedCurve(new TrialParameters(t.Parameters), values));
                numbers.Add(t.Number);
            }
        }

        if (curves.Count == 0)
        {
            throw new CliInputException($"sweep {status.SweepId} has no recorded epochs to replay yet");
        }

        var direction = status.Objective.Maximize ? StudyDirection.Maximize : StudyDirection.Minimize;
        var created = Build(curves.Max(c => c.Values.Count));
        var result = ReplaySimulator.Run(curves, created, count, direction, status.SweepId, firstStep: 1);
        var replayed = pruner is not null ? PrunerFactory.CanonicalName(pruner) : created.Name;
        var bestTrial = result.BestTrial >= 0 ? numbers[result.BestTrial] : -1;
        var keptBest = result.BestTrialRank == 1;
        if (context.Json)
        {
            JsonReport.WriteDocument(context.Out, json =>
            {
                json.WriteStartObject();
                json.WriteString("sweep_id", status.SweepId);
                json.WriteString(pruner is not null ? "pruner" : "scheduler", replayed);
                json.WriteNumber("promotions", result.Promotions);
                json.WriteNumber("trials", curves.Count);
                json.WriteNumber("workers", count);
                json.WriteNumber("epochs_consumed", result.EpochsConsumed);
                json.WriteNumber("epochs_without_pruning", result.EpochsWithoutPruning);
                JsonReport.WriteNumber(json, "epoch_savings", result.EpochSavings);
                json.WriteNumber("pruned_trials", result.PrunedTrials);
                json.WriteNumber("best_trial", bestTrial);
                JsonReport.WriteNumber(json, "best_value_found", result.BestValueFound);
                JsonReport.WriteNumber(json, "true_best_value", result.TrueBestValue);
                json.WriteNumber("best_trial_rank", result.BestTrialRank);
                json.WriteBoolean("kept_best", keptBest);
                json.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        var lines = new[]
        {
            $"replay of {status.Name} ({status.SweepId}) under {replayed}: {curves.Count} recorded trials, {count} workers",
            string.Create(CultureInfo.InvariantCulture, $"epochs: {result.EpochsConsumed} of {result.EpochsWithoutPruning} ({result.EpochSavings:P1} saved); pruned {result.PrunedTrials} trials")
                + (scheduler is not null ? string.Create(CultureInfo.InvariantCulture, $"; {result.Promotions} promotions") : ""),
            $"best found: trial {bestTrial}, {status.Objective.Metric}={Formatting.Value(result.BestValueFound)} (true best {Formatting.Value(result.TrueBestValue)}, rank {result.BestTrialRank})",
            keptBest ? "kept the best trial: yes" : "kept the best trial: NO (the truly best configuration was pruned)",
        };
        foreach (var line in context.Quiet ? lines[1..2] : lines)
        {
            await context.Out.WriteLineAsync(line);
        }

        return ExitCodes.Success;
    }
}
