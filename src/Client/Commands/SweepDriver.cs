using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// What <c>hypersweep run</c> does once connected: submit the validated spec (or resume a stored sweep), show progress
/// until the sweep ends or the user interrupts, then pause an interrupted sweep or print the result. The exit code says
/// how the sweep ended (<see cref="ExitCodes.ForEnded"/>): a sweep whose trials failed never ends "0".
/// </summary>
/// <param name="source">The spec file as the user named it (error locations), or null when resuming.</param>
/// <param name="loaded">The validated spec, or null when resuming.</param>
/// <param name="resume">The sweep to continue (id, name or id prefix), or null for a new sweep.</param>
/// <param name="top">Rows of the final leaderboard.</param>
/// <param name="stateDir">The --state-dir the user gave, repeated in the hints.</param>
internal sealed class SweepDriver(string? source, LoadedSpec? loaded, string? resume, int top, string? stateDir)
{
    private string ResumeHint(string sweepId) => $"hypersweep run --resume {sweepId}{(stateDir is null ? "" : $" --state-dir {stateDir}")}";

    public async Task<int> DriveAsync(CommandContext context, CancellationToken interrupted)
    {
        ISweepGrain sweep;
        string sweepId;
        if (loaded is not null)
        {
            sweepId = SweepIds.New();
            sweep = context.Grains.GetGrain<ISweepGrain>(sweepId);
            var submitted = await sweep.Submit(new SweepSubmission(loaded.Text, source!, BaseDirectory: loaded.Folder));
            if (!submitted.Accepted)
            {
                await SpecFile.WriteErrorsAsync(submitted.Errors, context.Error);
                return ExitCodes.BadInput;
            }
        }
        else
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, resume!);
            (sweep, sweepId) = (grain, status.SweepId);
            if (status.IsFinal)
            {
                // Nothing to resume: say how it ended and show its result, with the code of that end.
                await context.Error.WriteLineAsync($"sweep {sweepId} already {Formatting.State(status.State)}; nothing to resume");
                return await PrintResultAsync(context, sweep);
            }

            await sweep.Resume();
        }

        if (!context.Json && !context.Quiet)
        {
            await context.Error.WriteLineAsync($"sweep {sweepId} running; Ctrl-C pauses it (continue with: {ResumeHint(sweepId)})");
        }

        var view = ProgressViews.For(context, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(250));
        var last = await view.ShowAsync(async () =>
        {
            if (interrupted.IsCancellationRequested)
            {
                return null;
            }

            // The trial table is fetched only for a view that shows it: with --json the loop only waits for the end, and
            // fetching every trial's summary four times a second costs the coordinator O(trials) work per poll.
            var status = await sweep.GetStatus();
            return status is null ? null : new SweepSnapshot(status, view.ShowsTrials ? await sweep.GetTrials() : []);
        });

        if (interrupted.IsCancellationRequested && last is not { Status.IsFinal: true })
        {
            await sweep.Pause();
            await context.Error.WriteLineAsync($"interrupted: sweep {sweepId} paused; continue with: {ResumeHint(sweepId)}");
            return ExitCodes.Interrupted;
        }

        return await PrintResultAsync(context, sweep);
    }

    /// <summary>The leaderboard (or the --json document) of an ended sweep, and the exit code of how it ended.</summary>
    private async Task<int> PrintResultAsync(CommandContext context, ISweepGrain sweep)
    {
        var final = new SweepSnapshot((await sweep.GetStatus())!, await sweep.GetTrials());
        if (context.Json)
        {
            await context.Out.WriteLineAsync(JsonReport.Render(final));
        }
        else if (context.Quiet)
        {
            await context.Out.WriteLineAsync(Formatting.State(final.Status.State));
        }
        else
        {
            Leaderboard.Print(final.Status, await sweep.GetLeaderboard(top), final.Trials, context.Rich, context.Out);
            if (final.Status.Failed > 0 && context.LogFile is { } log)
            {
                await context.Error.WriteLineAsync($"the failed trials' full errors are in {log} (or rerun with --verbose)");
            }
        }

        return ExitCodes.ForEnded(final.Status);
    }
}
