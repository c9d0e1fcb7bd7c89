using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep watch &lt;sweep&gt;</c>: a live view (Spectre on a terminal, plain event lines otherwise) refreshed until
/// the sweep ends or Ctrl-C; then the leaderboard. A sweep that already ended is said to have ended (its old events are
/// not replayed). Exit codes as <c>run</c>'s (<see cref="ExitCodes.ForEnded"/>); 130 when the watch was interrupted
/// (the sweep keeps running).
/// </summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes (0.05 to 3600).", DefaultValueFactory = _ => 1.0, HelpName = "seconds" }
            .Check<Option<double>, double>(seconds => seconds is >= 0.05 and <= 3600 ? null : $"must be between 0.05 and 3600 seconds, not {seconds}");
        var top = SharedOptions.Top(10, "Rows of the leaderboard printed when the sweep ends.");
        var command = new Command("watch", "Follow a sweep live until it ends (or Ctrl-C, which only stops watching): progress, running trials, best so far.")
        {
            sweep, interval, top,
        };
        command.WithExamples(
            "hypersweep watch quickstart                 # until it ends, then the leaderboard",
            "hypersweep watch sw-20261206 --interval 5   # refresh every 5 s");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, cancellation) =>
        {
            var (grain, _) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = !interrupted.IsCancellationRequested;
                interrupted.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return await WatchAsync(context, grain, TimeSpan.FromSeconds(parse.GetValue(interval)), parse.GetValue(top), interrupted.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    public static async Task<int> WatchAsync(CommandContext context, ISweepGrain grain, TimeSpan period, int top, CancellationToken interrupted)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grain);
        if (await grain.GetStatus() is { IsFinal: true } ended && !context.Json && !context.Quiet)
        {
            var when = ended.FinishedAt is { } at ? $" at {at.ToLocalTime():yyyy-MM-dd HH:mm:ss}" : "";
            await context.Error.WriteLineAsync($"sweep {ended.SweepId} already {Formatting.State(ended.State)}{when}; its result:");
        }

        var view = ProgressViews.For(context, period, period);
        var last = await view.ShowAsync(async () =>
        {
            if (interrupted.IsCancellationRequested)
            {
                return null;
            }

            // Only a view that shows the trial table fetches it (see SweepDriver).
            var status = await grain.GetStatus();
            return status is null ? null : new SweepSnapshot(status, view.ShowsTrials ? await grain.GetTrials() : []);
        });
        if (last is not { Status.IsFinal: true })
        {
            await context.Error.WriteLineAsync("stopped watching; the sweep keeps running");
            return ExitCodes.Interrupted;
        }

        var final = new SweepSnapshot((await grain.GetStatus())!, await grain.GetTrials());
        if (context.Json)
        {
            await context.Out.WriteLineAsync(JsonReport.Render(final));
        }
        else if (!context.Quiet)
        {
            Leaderboard.Print(final.Status, await grain.GetLeaderboard(top), final.Trials, context.Rich, context.Out);
        }
        else
        {
            await context.Out.WriteLineAsync(Formatting.State(final.Status.State));
        }

        return ExitCodes.ForEnded(final.Status);
    }
}
