using System.CommandLine;
using HyperSweep.Client.Commands;
using HyperSweep.Client.Train;

namespace HyperSweep.Client;

/// <summary>
/// The <c>hypersweep</c> command tree, separate from Program so tests can invoke any command in-process with
/// captured output.
/// </summary>
public static class HyperSweepCli
{
    public static RootCommand CreateRoot() => new("HyperSweep: hyper-parameter sweeps for NLP models on Orleans.")
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
        ExportCommand.Create(),
        ReplayCommand.Create(),
        PlotCommand.Create(),
        ServeCommand.Create(),
        TrainCommand.Create(),
    };

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
            // Its handler prints the stack trace; an unexpected error gets one line here instead (InvokeParsedAsync).
            EnableDefaultExceptionHandler = false,
        };
        return InvokeParsedAsync(CreateRoot().Parse(args), configuration, cancellationToken);
    }

    private static async Task<int> InvokeParsedAsync(ParseResult parse, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        try
        {
            // Parse errors print the error, typo suggestions and help (System.CommandLine's parse error action) and
            // exit 2, the documented code for bad usage (System.CommandLine itself returns 1).
            var code = await parse.InvokeAsync(configuration, cancellationToken);
            return parse.Errors.Count > 0 ? ExitCodes.BadInput : code;
        }
        catch (Exception exception)
        {
            // Every expected failure is mapped to a message and an exit code by its command; anything else is a bug or an
            // environment failure the commands did not foresee: one line, never a stack trace on the console.
            var first = exception.Message.Split('\n', 2)[0].TrimEnd();
            await configuration.Error.WriteLineAsync($"hypersweep {parse.CommandResult.Command.Name}: unexpected error: {exception.GetType().Name}: {first}");
            return ExitCodes.SweepFailed;
        }
    }
}
