using System.CommandLine;
using HyperSweep.Client.Commands;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Engine;
using HyperSweep.Engine.Packaging;

namespace HyperSweep.Client.Models;

/// <summary>
/// Runs a command on <c>&lt;model|sweep&gt;</c>: a model file (<c>.hsm</c>) is read here, with no cluster; anything else is a
/// sweep, whose kept model (the best, or <c>--trial N</c>) is fetched through the cluster. A missing, corrupt or foreign
/// model file, an unknown sweep or a trial whose weights were not kept is bad input: a clear message and exit 2.
/// </summary>
public static class ModelSource
{
    public static Argument<string> Argument() => new("model")
    {
        Description = "A model file (.hsm, from hypersweep model export), or a sweep (id, name or id prefix) whose kept model to use.",
    };

    public static Option<int?> TrialOption() => new("--trial")
    {
        Description = "With a sweep: the kept trial to use (default: the best kept model).",
    };

    public static void SetAction(Command command, Argument<string> model, Option<int?> trial, CommonOptions common, Func<ParseResult, ModelContext, CancellationToken, Task<int>> body)
    {
        common.AddTo(command);
        command.SetAction((parse, cancellation) => RunAsync(parse, model, trial, common, body, cancellation));
    }

    private static async Task<int> RunAsync(
        ParseResult parse, Argument<string> modelArgument, Option<int?> trialOption, CommonOptions common,
        Func<ParseResult, ModelContext, CancellationToken, Task<int>> body, CancellationToken cancellation)
    {
        var name = $"hypersweep {string.Join(' ', CommandPath(parse.CommandResult.Command))}";
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var argument = parse.GetValue(modelArgument)!;
        var json = parse.GetValue(common.Json);
        var quiet = parse.GetValue(common.Quiet);
        if (File.Exists(argument) || LooksLikeAFile(argument))
        {
            try
            {
                if (!File.Exists(argument))
                {
                    throw new CliInputException($"model file not found: {argument}");
                }

                if (parse.GetValue(trialOption) is not null)
                {
                    throw new CliInputException("--trial applies to a sweep, not to a model file");
                }

                var bytes = await File.ReadAllBytesAsync(argument, cancellation);
                var package = ModelPackageFormat.Read(bytes, argument);
                return await body(parse, new ModelContext(LoadedModel.From(package, argument), package, Path.GetFullPath(argument), output, error, json, quiet), cancellation);
            }
            catch (Exception exception) when (exception is CliInputException or EngineException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"{name}: {exception.Message}");
                return ExitCodes.BadInput;
            }
        }

        return await ClusterCommand.RunAsync(parse, common, ConnectPurpose.Read, async (p, context, ct) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, argument);
            var kept = await KeptAsync(grain, status, p.GetValue(trialOption));
            try
            {
                var bytes = await ModelDownload.ReadAsync(context.Grains, kept.Model!, ct);
                var source = $"sweep {status.SweepId} trial {kept.Trial}";
                var package = ModelPackageFormat.Read(bytes, source);
                return await body(p, new ModelContext(LoadedModel.From(package, source), package, source, output, error, context.Json, context.Quiet, status, kept), ct);
            }
            catch (EngineException exception)
            {
                throw new CliInputException(exception.Message);
            }
        }, hasJson: true, cancellation);
    }

    /// <summary>The kept model of a sweep: the best one, or that of <paramref name="trial"/>; made on demand if the sweep has not yet.</summary>
    public static async Task<KeptModel> KeptAsync(ISweepGrain grain, SweepStatus status, int? trial)
    {
        var kept = await grain.GetKeptModels();
        if (kept.Count == 0)
        {
            throw new CliInputException($"sweep {status.SweepId} keeps no model yet (models are kept for its best ended trials; keep: {{best: 0}} keeps none)");
        }

        var number = trial ?? kept[0].Trial;
        var model = await grain.GetModel(number)
            ?? throw new CliInputException($"the weights of trial {number} of sweep {status.SweepId} were not kept; kept trials: {string.Join(", ", kept.Select(k => k.Trial))}");
        return model.Model is not null
            ? model
            : throw new CliInputException($"trial {number} of sweep {status.SweepId} has no model file{(model.Note is null ? "" : $": {model.Note}")}");
    }

    private static bool LooksLikeAFile(string argument) =>
        argument.EndsWith(".hsm", StringComparison.OrdinalIgnoreCase) || argument.Contains('/') || argument.Contains('\\');

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c && s is not RootCommand; s = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return names;
    }
}
