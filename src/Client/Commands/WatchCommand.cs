using System.CommandLine;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep watch &lt;sweep&gt;</c>: a live view (Spectre on a terminal, plain event lines otherwise) refreshed until
/// the sweep ends or Ctrl-C; then the leaderboard. Exit 0 when the sweep completed, 1 when it failed or was
/// cancelled, 130 when the watch was interrupted (the sweep keeps running).
/// </summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes.", DefaultValueFactory = _ => 1.0 };
        var command = new Command("watch", "Follow a sweep live until it ends (or Ctrl-C, which only stops watching): progress, running trials, best so far.")
        {
            sweep, interval,
        };
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
                var period = TimeSpan.FromSeconds(Math.Max(0.05, parse.GetValue(interval)));
                return await WatchAsync(context, grain, period, interrupted.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    public static async Task<int> WatchAsync(CommandContext context, ISweepGrain grain, TimeSpan period, CancellationToken interrupted)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grain);
        IProgressView view = context.Json || context.Quiet ? new SilentProgressView(period)
            : context.Rich is { } rich ? new SpectreProgressView(rich, period)
            : new PlainProgressView(context.Out, period);
        var last = await view.ShowAsync(async () =>
        {
            if (interrupted.IsCancellationRequested)
            {
                return null;
            }

            // Only a view that shows the trial table fetches it (see RunCommand).
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
            Leaderboard.Print(final.Status, await grain.GetLeaderboard(10), context.Rich, context.Out);
        }
        else
        {
            await context.Out.WriteLineAsync(Formatting.State(final.Status.State));
        }

        return final.Status.State == SweepState.Completed ? ExitCodes.Success : ExitCodes.SweepFailed;
    }
}
