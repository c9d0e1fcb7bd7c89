using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Client.Logging;
using HyperSweep.Grains.Storage;

namespace HyperSweep.Client.Commands;

/// <summary>
/// Runs a command body against the resolved target, mapping failures to the documented exit codes:
/// a malformed --cluster or bad input exits 2, an unreachable cluster exits 3 (within the connect timeout), a damaged
/// dev-mode state file exits 2 and a full disk under it exits 3, each with one line naming the file.
/// </summary>
public static class ClusterCommand
{
    public static void SetAction(Command command, CommonOptions common, ConnectPurpose purpose, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body, bool json = true)
    {
        common.AddTo(command, json);
        command.SetAction((parse, cancellation) => RunAsync(parse, common, purpose, body, json, cancellation));
    }

    /// <summary>
    /// Runs a command body again when a call failed only because the cluster is changing (a hung or dead silo that the
    /// membership has not yet replaced: each call is bounded by <see cref="ClusterConnection.CallTimeout"/>), until
    /// <paramref name="budget"/> has passed. The bodies are reads, or idempotent controls (pause, resume, cancel, submit
    /// of the same text), and print only once their calls have answered.
    /// </summary>
    private static async Task<int> WithRetries(Func<Task<int>> body, TimeSpan budget)
    {
        var deadline = DateTime.UtcNow + budget;
        while (true)
        {
            try
            {
                return await body();
            }
            catch (Exception exception) when (exception is TimeoutException or SiloUnavailableException && DateTime.UtcNow < deadline)
            {
                // The membership declares a hung silo dead within ~8 s; the next try reaches a live one.
            }
        }
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
        catch (StateStoreException exception)
        {
            await error.WriteLineAsync($"{name}: {exception.Message}");
            return ExitCodes.ForStoreFault(exception.Fault);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }

        await using (session)
        {
            var json = hasJson && parse.GetValue(common.Json);
            var log = target is DevClusterTarget dev ? DevSiloLog.PathFor(dev.StateDir) : null;
            var context = new CommandContext(session.Grains, output, error, json, parse.GetValue(common.Quiet), CommandContext.RichConsoleFor(output, json), log)
            {
                StoreFault = () => session.StoreFault,
                ExplainFailure = session.ExplainFailure,
            };
            try
            {
                // run submits a new sweep and follows it (riding out outages itself): running it again would submit another.
                return purpose == ConnectPurpose.Run
                    ? await body(parse, context, cancellation)
                    : await WithRetries(() => body(parse, context, cancellation), common.TargetOptions(parse, embedded).ConnectTimeout);
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
            catch (Exception) when (session.StoreFault is { } fault)
            {
                // The in-process silo's store failed under this command: say that, not the grain call it broke.
                await error.WriteLineAsync($"{name}: {fault.Message}");
                return ExitCodes.ForStoreFault(fault);
            }
        }
    }
}
