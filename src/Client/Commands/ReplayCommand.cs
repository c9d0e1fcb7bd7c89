using System.CommandLine;
using System.Globalization;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Search;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;
using HyperSweep.Search.Spec;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep replay &lt;sweep&gt; --pruner NAME [--set key=value ...]</c>: Search's <see cref="ReplaySimulator"/> on the
/// sweep's recorded curves (its objective metric per epoch): the epochs another pruner would have spent and whether
/// it would have kept the best trial. Curves of trials the sweep pruned end where they were pruned, so a replay can
/// only prune earlier than the recording did, never train further.
/// <c>hypersweep replay &lt;sweep&gt; --sampler tpe|random</c> (or <c>--table FILE.csv</c>, no cluster needed): the sweep's
/// completed trials (or the table's rows) as a tabular benchmark for samplers (<see cref="SamplerReplayReport"/>).
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var sweep = new Argument<string?>("sweep")
        {
            Description = "The sweep: its id, its name (the newest sweep with that name) or a unique id prefix (not with --table).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var pruner = new Option<string?>("--pruner", "-p") { Description = $"Replay a pruner on the recorded curves: {string.Join(", ", PrunerFactory.KnownNames.Keys)}." };
        var samplers = new Option<string[]>("--sampler")
        {
            Description = $"Replay samplers on the recorded configurations instead (repeatable): {string.Join(", ", SamplerFactory.Names)}.",
            AllowMultipleArgumentsPerToken = false,
        };
        var settings = new Option<string[]>("--set")
        {
            Description = "A pruner setting, or with --sampler a TPE setting, as key=value (repeatable), e.g. --set n_startup_trials=3.",
            AllowMultipleArgumentsPerToken = false,
        };
        var workers = new Option<int>("--workers") { Description = "Pruner replay: trials running at once in the simulation.", DefaultValueFactory = _ => 4 };
        var seeds = new Option<int>("--seeds") { Description = "Sampler replay: studies per sampler (seeds 0..N-1).", DefaultValueFactory = _ => 20 };
        var budget = new Option<int?>("--budget") { Description = "Sampler replay: trials per study (default: the number of recorded configurations, at least 10)." };
        var table = new Option<FileInfo?>("--table") { Description = "Sampler replay on a CSV file instead of a sweep: one column per parameter, one for the objective." };
        var objective = new Option<string?>("--objective") { Description = "--table: the objective column (default: 'objective' or 'value', else the last column)." };
        var direction = new Option<string?>("--direction") { Description = "--table: minimize (default) or maximize." };
        var space = new Option<FileInfo?>("--space") { Description = "Sampler replay: the search space (a spec, or a YAML with its parameters: section); default: inferred from the recorded values." };
        var command = new Command("replay", "Replay a sweep under another pruner (epochs saved, best trial kept?) or other samplers (trials to reach its best).")
        {
            sweep, pruner, samplers, settings, workers, seeds, budget, table, objective, direction, space,
        };
        command.WithExamples(
            "hypersweep replay quickstart --pruner median --set n_startup_trials=2   # epochs saved, best trial kept?",
            "hypersweep replay quickstart --sampler tpe --sampler random --seeds 20 # would TPE have found the best sooner?",
            "hypersweep replay --table results.csv --objective val_acc --direction maximize");
        var common = new CommonOptions();
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var chosenSamplers = parse.GetValue(samplers) ?? [];
            var file = parse.GetValue(table);
            try
            {
                if (parse.GetValue(pruner) is not null && chosenSamplers.Length > 0)
                {
                    throw new CliInputException("give --pruner (replay pruning) or --sampler (replay sampling), not both");
                }
                if (file is not null)
                {
                    if (parse.GetValue(pruner) is not null || parse.GetValue(sweep) is not null)
                    {
                        throw new CliInputException("--table replays samplers on a CSV file: give it without a sweep or --pruner");
                    }
                    var context = new CommandContext(null!, parse.InvocationConfiguration.Output, error, parse.GetValue(common.Json), parse.GetValue(common.Quiet), null);
                    var loaded = LoadTable(file, parse.GetValue(objective), parse.GetValue(direction), parse.GetValue(space));
                    return await SamplerReplayReport.RunAsync(context, loaded, file.Name, chosenSamplers.Length > 0 ? chosenSamplers : SamplerFactory.Names.ToArray(),
                        Settings(parse.GetValue(settings)), parse.GetValue(seeds), parse.GetValue(budget));
                }
                if (parse.GetValue(sweep) is null)
                {
                    throw new CliInputException("give a sweep (or --table FILE for a CSV)");
                }
                if (parse.GetValue(pruner) is null && chosenSamplers.Length == 0)
                {
                    throw new CliInputException("give --pruner NAME (replay pruning on the recorded curves) or --sampler NAME (replay sampling on the recorded configurations)");
                }
            }
            catch (CliInputException exception)
            {
                await error.WriteLineAsync($"hypersweep replay: {exception.Message}");
                return ExitCodes.BadInput;
            }
            return await ClusterCommand.RunAsync(parse, common, ConnectPurpose.Read, async (p, context, _) =>
            {
                var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, p.GetValue(sweep)!);
                if (chosenSamplers.Length > 0)
                {
                    var recorded = await RecordedTable(grain, status, p.GetValue(space));
                    return await SamplerReplayReport.RunAsync(context, recorded, $"{status.Name} ({status.SweepId})", chosenSamplers,
                        Settings(p.GetValue(settings)), p.GetValue(seeds), p.GetValue(budget));
                }
                return await ReplayPruner(context, grain, status, p.GetValue(pruner)!, p.GetValue(settings) ?? [], p.GetValue(workers));
            }, hasJson: true, cancellation);
        });
        return command;
    }

    private static async Task<int> ReplayPruner(CommandContext context, ISweepGrain grain, SweepStatus status, string name, string[] pairs, int count)
    {
        IPruner created;
        try
        {
            created = PrunerFactory.Create(new PrunerSpec(name, ParseSettings(pairs)));
        }
        catch (ArgumentException exception)
        {
            var known = Suggestions.Closest(name, PrunerFactory.KnownNames.Keys);
            throw new CliInputException(ErrorText.Of(exception) + (known.Count > 0 && !PrunerFactory.KnownNames.ContainsKey(name) ? $" (did you mean '{known[0]}'?)" : ""));
        }

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
        var result = ReplaySimulator.Run(curves, created, count, direction, status.SweepId);
        var bestTrial = result.BestTrial >= 0 ? numbers[result.BestTrial] : -1;
        var keptBest = result.BestTrialRank == 1;
        if (context.Json)
        {
            JsonReport.WriteDocument(context.Out, json =>
            {
                json.WriteStartObject();
                json.WriteString("sweep_id", status.SweepId);
                json.WriteString("pruner", PrunerFactory.CanonicalName(name));
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
            $"replay of {status.Name} ({status.SweepId}) under {PrunerFactory.CanonicalName(name)}: {curves.Count} recorded trials, {count} workers",
            string.Create(CultureInfo.InvariantCulture, $"epochs: {result.EpochsConsumed} of {result.EpochsWithoutPruning} ({result.EpochSavings:P1} saved); pruned {result.PrunedTrials} trials"),
            $"best found: trial {bestTrial}, {status.Objective.Metric}={Formatting.Value(result.BestValueFound)} (true best {Formatting.Value(result.TrueBestValue)}, rank {result.BestTrialRank})",
            keptBest ? "kept the best trial: yes" : "kept the best trial: NO (the truly best configuration was pruned)",
        };
        foreach (var line in context.Quiet ? lines[1..2] : lines)
        {
            await context.Out.WriteLineAsync(line);
        }

        return ExitCodes.Success;
    }

    /// <summary>The sweep's completed trials with an objective value, as a table (parameters restricted to those that vary, or to --space).</summary>
    private static async Task<TabularBenchmark> RecordedTable(ISweepGrain grain, SweepStatus status, FileInfo? spaceFile)
    {
        var completed = (await grain.GetTrials()).Where(t => t.State == TrialState.Completed && t.BestValue is { } v && !double.IsNaN(v)).ToList();
        if (completed.Count == 0)
        {
            throw new CliInputException($"sweep {status.SweepId} has no completed trial with a {status.Objective.Metric} value to replay samplers on");
        }
        var columns = completed.SelectMany(t => t.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var values = completed.Select(t => (IReadOnlyDictionary<string, object>)t.Parameters).ToList();
        var space = spaceFile is null ? TableSpace.Infer(columns, values) : Space(spaceFile);
        var rows = completed.Select(t => new TableRow(TableCsv.Parameters(space, t.Parameters), t.BestValue!.Value)).ToList();
        return new TabularBenchmark(space, rows, status.Objective.Maximize ? StudyDirection.Maximize : StudyDirection.Minimize, status.Objective.Metric);
    }

    private static TabularBenchmark LoadTable(FileInfo file, string? objective, string? direction, FileInfo? spaceFile)
    {
        if (!file.Exists)
        {
            throw new CliInputException($"table file not found: {file.FullName}");
        }
        var studyDirection = direction switch
        {
            null or "minimize" => StudyDirection.Minimize,
            "maximize" => StudyDirection.Maximize,
            _ => throw new CliInputException($"--direction must be minimize or maximize, not '{direction}'"),
        };
        try
        {
            return TableCsv.Load(file.FullName, studyDirection, objective, spaceFile is null ? null : Space(spaceFile));
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentException or IOException or UnauthorizedAccessException or Microsoft.VisualBasic.FileIO.MalformedLineException)
        {
            throw new CliInputException(ErrorText.Of(exception));
        }
    }

    private static SearchSpace Space(FileInfo file)
    {
        try
        {
            return SweepSpecParser.ParseSpaceFile(file.FullName);
        }
        catch (SpecException exception)
        {
            throw new CliInputException(exception.Message);
        }
        catch (IOException exception)
        {
            throw new CliInputException($"cannot read the space file: {exception.Message}");
        }
    }

    private static IReadOnlyDictionary<string, object?> Settings(string[]? pairs)
    {
        try
        {
            return ParseSettings(pairs ?? []);
        }
        catch (ArgumentException exception)
        {
            throw new CliInputException(ErrorText.Of(exception));
        }
    }

    /// <summary>key=value pairs; values become bool, long, double or string like YAML scalars ("auto" stays a string).</summary>
    public static IReadOnlyDictionary<string, object?> ParseSettings(IEnumerable<string> pairs) => SettingPairs.Parse(pairs);
}
