using HyperSweep.Search.Spec;
using System.CommandLine;
using System.Globalization;
using HyperSweep.Client.Connection;
using HyperSweep.Search;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Scheduling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep replay &lt;sweep&gt; --pruner NAME | --scheduler asha|hyperband [--set key=value ...]</c>: Search's
/// <see cref="ReplaySimulator"/> on the sweep's recorded curves (its objective metric per epoch, epoch k reported as step
/// k as in the sweep): the epochs another pruner — or ASHA with promotions, which pauses trials and resumes them where
/// they paused — would have spent and whether it would have kept the best trial. Curves of trials the sweep pruned end
/// where they were pruned, so a replay can only stop earlier than the recording did, never train further; PBT cannot be
/// replayed (an exploitation changes the curve that follows).
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var pruner = new Option<string>("--pruner", "-p")
        {
            Description = $"The pruner to replay: {string.Join(", ", PrunerFactory.KnownNames.Keys)}.",
        };
        var scheduler = new Option<string>("--scheduler")
        {
            Description = "A scheduler to replay instead: asha or hyperband (with promotions unless --set promotion=false).",
        };
        var settings = new Option<string[]>("--set")
        {
            Description = "A pruner setting as key=value (repeatable), e.g. --set n_startup_trials=3.",
            AllowMultipleArgumentsPerToken = false,
        };
        var workers = new Option<int>("--workers") { Description = "Trials running at once in the simulation.", DefaultValueFactory = _ => 4 };
        var command = new Command("replay", "Replay a sweep's recorded learning curves under another pruner or ASHA with promotions: epochs saved, and whether the best trial survives.")
        {
            sweep, pruner, scheduler, settings, workers,
        };
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var pruned = parse.GetValue(pruner);
            var scheduled = parse.GetValue(scheduler);
            if ((pruned is null) == (scheduled is null))
            {
                throw new CliInputException("give either --pruner NAME or --scheduler asha|hyperband");
            }

            var setPairs = ParseSettings(parse.GetValue(settings) ?? []);
            var name = pruned ?? scheduled!;
            if (scheduled == SchedulerFactory.Pbt)
            {
                throw new CliInputException("PBT cannot be replayed: an exploitation changes the curve that follows it");
            }

            // A scheduler's top level is the longest recorded curve (a sweep's is its budget): checked now, built once the curves are read.
            IScheduler Build(int longest)
            {
                try
                {
                    return pruned is not null
                        ? new PrunerScheduler(PrunerFactory.Create(new PrunerSpec(pruned, setPairs)))
                        : SchedulerFactory.Create(new SchedulerSpec(scheduled!, setPairs), new SchedulerContext(new SearchSpace([]), longest, 0));
                }
                catch (ArgumentException exception)
                {
                    var names = pruned is not null ? [.. PrunerFactory.KnownNames.Keys] : SchedulerFactory.KnownNames;
                    var known = Suggestions.Closest(name, names);
                    throw new CliInputException(exception.Message + (known.Count > 0 && !names.Contains(name, StringComparer.OrdinalIgnoreCase) ? $" (did you mean '{known[0]}'?)" : ""));
                }
            }

            Build(int.MaxValue);
            var count = parse.GetValue(workers);
            if (count < 1)
            {
                throw new CliInputException($"--workers must be at least 1, not {count}");
            }

            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
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
            var replayed = created.Name;
            var bestTrial = result.BestTrial >= 0 ? numbers[result.BestTrial] : -1;
            var keptBest = result.BestTrialRank == 1;
            if (context.Json)
            {
                JsonReport.WriteDocument(context.Out, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("sweep_id", status.SweepId);
                    json.WriteString(pruned is not null ? "pruner" : "scheduler", replayed);
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
                string.Create(CultureInfo.InvariantCulture, $"epochs: {result.EpochsConsumed} of {result.EpochsWithoutPruning} ({result.EpochSavings:P1} saved); pruned {result.PrunedTrials} trials; {result.Promotions} promotions"),
                $"best found: trial {bestTrial}, {status.Objective.Metric}={Formatting.Value(result.BestValueFound)} (true best {Formatting.Value(result.TrueBestValue)}, rank {result.BestTrialRank})",
                keptBest ? "kept the best trial: yes" : "kept the best trial: NO (the truly best configuration was pruned)",
            };
            foreach (var line in context.Quiet ? lines[1..2] : lines)
            {
                await context.Out.WriteLineAsync(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>key=value pairs; values become bool, long, double or string like YAML scalars ("auto" stays a string).</summary>
    public static IReadOnlyDictionary<string, object?> ParseSettings(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--set needs key=value, not '{pair}'", "--set");
            }

            var key = pair[..equals].Trim();
            var text = pair[(equals + 1)..].Trim();
            settings[key] = text switch
            {
                "true" => true,
                "false" => false,
                "null" => null,
                _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
                _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => text,
            };
        }

        return settings;
    }
}
