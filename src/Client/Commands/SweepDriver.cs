using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// What <c>hypersweep run</c> does once connected: submit the validated spec (or resume a stored sweep), show progress
/// until the sweep ends or the user interrupts, then pause an interrupted sweep or print the result.
/// </summary>
/// <param name="source">The spec file as the user named it (error locations), or null when resuming.</param>
/// <param name="loaded">The validated spec, or null when resuming.</param>
/// <param name="resume">The sweep id to continue, or null for a new sweep.</param>
/// <param name="top">Rows of the final leaderboard.</param>
/// <param name="stateDir">The --state-dir the user gave, repeated in the hints.</param>
internal sealed class SweepDriver(string? source, LoadedSpec? loaded, string? resume, int top, string? stateDir)
{
    private string ResumeHint(string sweepId) => $"hypersweep run --resume {sweepId}{(stateDir is null ? "" : $" --state-dir {stateDir}")}";

    public async Task<int> DriveAsync(CommandContext context, CancellationToken interrupted)
    {
        var grains = context.Grains;
        var sweepId = resume ?? SweepIds.New();
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        if (loaded is not null)
        {
            var submitted = await sweep.Submit(new SweepSubmission(loaded.Text, source!, BaseDirectory: loaded.Folder));
            if (!submitted.Accepted)
            {
                await SpecFile.WriteErrorsAsync(submitted.Errors, context.Error);
                return ExitCodes.BadInput;
            }
        }
        else if (await sweep.Resume() is null)
        {
            var known = await grains.GetGrain<ISweepRegistryGrain>(0).List();
            var hint = known.Count == 0 ? "no sweeps are stored there" : "known sweeps: " + string.Join(", ", known.Take(5).Select(k => $"{k.SweepId} ({k.Name}, {Formatting.State(k.State)})"));
            await context.Error.WriteLineAsync($"hypersweep run: no sweep '{sweepId}' in this state directory; {hint}.");
            return ExitCodes.BadInput;
        }

        if (!context.Json)
        {
            await context.Error.WriteLineAsync($"sweep {sweepId} running; Ctrl-C pauses it (continue with: {ResumeHint(sweepId)})");
        }

        IProgressView view = context.Json ? new SilentProgressView(TimeSpan.FromMilliseconds(250))
            : context.Rich is not null ? new SpectreProgressView(context.Rich, TimeSpan.FromMilliseconds(500))
            : new PlainProgressView(context.Out, TimeSpan.FromMilliseconds(500));
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

        var final = new SweepSnapshot((await sweep.GetStatus())!, await sweep.GetTrials());
        if (context.Json)
        {
            await context.Out.WriteLineAsync(JsonReport.Render(final));
        }
        else
        {
            Leaderboard.Print(final.Status, await sweep.GetLeaderboard(top), context.Rich, context.Out);
        }

        return final.Status.State == SweepState.Completed ? ExitCodes.Success : ExitCodes.SweepFailed;
    }
}
