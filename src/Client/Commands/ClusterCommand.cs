using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Client.Logging;

namespace HyperSweep.Client.Commands;

/// <summary>
/// Runs a command body against the resolved target, mapping failures to the documented exit codes:
/// a malformed --cluster or bad input exits 2, an unreachable cluster exits 3 (within the connect timeout).
/// </summary>
public static class ClusterCommand
{
    public static void SetAction(Command command, CommonOptions common, ConnectPurpose purpose, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body, bool json = true)
    {
        common.AddTo(command, json);
        command.SetAction((parse, cancellation) => RunAsync(parse, common, purpose, body, json, cancellation));
    }

    public static async Task<int> RunAsync(
        ParseResult parse,
        CommonOptions common,
        ConnectPurpose purpose,
        Func<ParseResult, CommandContext, CancellationToken, Task<int>> body,
        bool hasJson,
        CancellationToken cancellation,
        EmbeddedSiloOptions? embedded = null)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var name = ParseErrors.CommandPath(parse);
        IClusterTarget target;
        try
        {
            target = ClusterTargets.Resolve(common.TargetOptions(parse, embedded));
        }
        catch (ArgumentException exception)
        {
            await error.WriteLineAsync($"{name}: {exception.Message}");
            return ExitCodes.BadInput;
        }

        IClusterSession session;
        try
        {
            session = await target.ConnectAsync(purpose, cancellation);
        }
        catch (ClusterUnreachableException exception)
        {
            await error.WriteLineAsync($"{name}: {exception.Message}");
            return ExitCodes.ClusterUnreachable;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }

        await using (session)
        {
            var json = hasJson && parse.GetValue(common.Json);
            var log = target is DevClusterTarget dev ? DevSiloLog.PathFor(dev.StateDir) : null;
            var context = new CommandContext(session.Grains, output, error, json, parse.GetValue(common.Quiet), CommandContext.RichConsoleFor(output, json), log);
            try
            {
                return await body(parse, context, cancellation);
            }
            catch (CliInputException exception)
            {
                await error.WriteLineAsync($"{name}: {exception.Message}");
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
        }
    }
}
