using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Commands;
using HyperSweep.Client.Train;

namespace HyperSweep.Client;

/// <summary>
/// The <c>hypersweep</c> command tree, separate from Program so tests can invoke any command in-process with
/// captured output.
/// </summary>
public static class HyperSweepCli
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("HyperSweep: hyper-parameter sweeps for NLP models on Orleans.")
        {
            RunCommand.Create(),
            SubmitCommand.Create(),
            LsCommand.Create(),
            StatusCommand.Create(),
            WatchCommand.Create(),
            TopCommand.Create(),
            TrialsCommand.Create(),
            TrialCommand.Create(),
            ControlCommand.Cancel(),
            ControlCommand.Pause(),
            ControlCommand.Resume(),
            ValidateCommand.Create(),
            SchemaCommand.Create(),
            ExportCommand.Create(),
            ReplayCommand.Create(),
            PlotCommand.Create(),
            ModelCommand.Create(),
            EvalCommand.Create(),
            PredictCommand.Create(),
            ImportanceCommand.Create(),
            AnalyzeCommand.Create(),
            GcCommand.Create(),
            ServeCommand.Create(),
            DashboardCommand.Create(),
            TrainCommand.Create(),
        };
        root.WithExamples(
            "hypersweep validate examples/quickstart.yaml      # check a spec, print its trial plan",
            "hypersweep run examples/quickstart.yaml           # run a sweep on this machine",
            "hypersweep top quickstart                         # its leaderboard",
            "hypersweep <command> --help                       # a command's options and examples");
        ExamplesHelpAction.Install(root);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; output and error default to the console.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            // Ctrl-C is handled by the commands themselves (run pauses the sweep and stops its silo cleanly;
            // train stops after the current batch).
            ProcessTerminationTimeout = null,
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // Its handler prints a stack trace; an unexpected error gets one line instead (InvokeParsedAsync).
            EnableDefaultExceptionHandler = false,
        };
        return InvokeParsedAsync(CreateRoot().Parse(args), configuration, cancellationToken);
    }

    private static async Task<int> InvokeParsedAsync(ParseResult parse, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        var name = ParseErrors.CommandPath(parse);
        if (parse.Errors.Count > 0 && parse.Action is not ExamplesHelpAction)
        {
            if (parse.CommandResult.Command is RootCommand && parse.Tokens.Count == 0)
            {
                // A bare "hypersweep": the overview of the commands is what is wanted.
                await CreateRoot().Parse(["--help"]).InvokeAsync(configuration, cancellationToken);
                return ExitCodes.BadInput;
            }

            // One line naming the problem (System.CommandLine would print its errors and the whole help).
            await configuration.Error.WriteLineAsync($"{name}: {ParseErrors.Describe(parse)}");
            await configuration.Error.WriteLineAsync($"(usage and examples: {name} --help)");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Every expected failure is mapped to a message and an exit code by its command; anything else is a bug or an
            // environment failure no command foresaw: one line, never a stack trace on the console.
            await configuration.Error.WriteLineAsync($"{name}: unexpected error: {exception.GetType().Name}: {ErrorText.Of(exception)}");
            return ExitCodes.SweepFailed;
        }
    }
}
