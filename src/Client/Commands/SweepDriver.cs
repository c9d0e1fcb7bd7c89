using HyperSweep.Contracts;
using HyperSweep.Grains.Storage;

namespace HyperSweep.Client.Commands;

/// <summary>
/// What <c>hypersweep run</c> does once connected: submit the validated spec (or resume a stored sweep), show progress
/// until the sweep ends or the user interrupts, then pause an interrupted sweep or print the result. The exit code says
/// how the sweep ended (<see cref="ExitCodes.ForEnded"/>): a sweep whose trials failed never ends "0".
/// <para>
/// It follows the sweep, not only this process: paused by another command, it says so and exits 130 as a Ctrl-C here
/// would (continue with <c>--resume</c>); cancelled by another command, it exits 1 with the reason. In dev mode it also
/// watches the state store (<see cref="CommandContext.StoreFault"/>): once a write has failed (a full disk), it shows
/// nothing more from the coordinator, whose memory may be ahead of what was stored, prints the one-line fault and exits
/// 3. On a cluster it rides out a window with no silo answering (<see cref="OutageLimit"/>), and a failed call is
/// explained in one line when Redis lost the cluster's data (<see cref="CommandContext.ExplainFailure"/>).
/// </para>
/// </summary>
/// <param name="source">The spec file as the user named it (error locations), or null when resuming.</param>
/// <param name="loaded">The validated spec, or null when resuming.</param>
/// <param name="resume">The sweep to continue (id, name or id prefix), or null for a new sweep.</param>
/// <param name="top">Rows of the final leaderboard.</param>
/// <param name="stateDir">The --state-dir the user gave, repeated in the hints.</param>
internal sealed class SweepDriver(string? source, LoadedSpec? loaded, string? resume, int top, string? stateDir)
{
    /// <summary>
    /// On a cluster, how long <c>run</c> keeps polling through calls that fail because no silo answers (every silo
    /// restarting: a Slurm requeue, a whole-cluster restart) before it gives up; the sweep itself goes on regardless.
    /// </summary>
    public static readonly TimeSpan OutageLimit = TimeSpan.FromMinutes(10);

    private string? _sweepId;
    private SweepSnapshot? _lastSeen;
    private DateTime? _unreachableSince;

    private string ResumeHint(string sweepId) => $"hypersweep run --resume {sweepId}{(stateDir is null ? "" : $" --state-dir {stateDir}")}";

    public async Task<int> DriveAsync(CommandContext context, CancellationToken interrupted)
    {
        try
        {
            return await FollowAsync(context, interrupted);
        }
        catch (Exception) when (context.StoreFault() is { } fault)
        {
            // A grain call failed because the store did: the fault says why in one line (the call's error is in the log file).
            return await FaultAsync(context, fault);
        }
        catch (Exception) when (context.ExplainFailure is not null)
        {
            // On a cluster: a call failed, perhaps because the silos stopped when Redis lost the cluster's data.
            if (await context.ExplainFailure() is { } explanation)
            {
                await context.Error.WriteLineAsync($"hypersweep run: {explanation}");
                return ExitCodes.ClusterUnreachable;
            }

            throw;
        }
    }

    private async Task<int> FollowAsync(CommandContext context, CancellationToken interrupted)
    {
        ISweepGrain sweep;
        string sweepId;
        if (loaded is not null)
        {
            sweepId = _sweepId = SweepIds.New();
            sweep = context.Grains.GetGrain<ISweepGrain>(sweepId);
            var submission = new SweepSubmission(loaded.Text, source!, BaseDirectory: loaded.Folder);
            var submitted = await SentAgainOnTimeout(() => sweep.Submit(submission));
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
            _sweepId = sweepId;
            if (status.IsFinal)
            {
                // Nothing to resume: say how it ended and show its result, with the code of that end.
                await context.Error.WriteLineAsync($"sweep {sweepId} already {Formatting.State(status.State)}; nothing to resume");
                return await PrintResultAsync(context, sweep);
            }

            await SentAgainOnTimeout(sweep.Resume);
        }

        if (!context.Json && !context.Quiet)
        {
            await context.Error.WriteLineAsync($"sweep {sweepId} running; Ctrl-C pauses it (continue with: {ResumeHint(sweepId)})");
        }

        var view = ProgressViews.For(context, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(250));
        var last = await view.ShowAsync(async () =>
        {
            if (interrupted.IsCancellationRequested || context.StoreFault() is not null)
            {
                return null;
            }

            var snapshot = await PollAsync(context, sweep, view.ShowsTrials, interrupted);
            // Fetched while a write failed: it may show what was never stored, so it is not shown. Paused by another
            // command: nothing will change until someone resumes it.
            return context.StoreFault() is not null || snapshot?.Status.State == SweepState.Paused ? null : snapshot;
        });

        if (context.StoreFault() is { } fault)
        {
            return await FaultAsync(context, fault);
        }

        if (interrupted.IsCancellationRequested && last is not { Status.IsFinal: true })
        {
            await sweep.Pause();
            await context.Error.WriteLineAsync($"interrupted: sweep {sweepId} paused; continue with: {ResumeHint(sweepId)}");
            return ExitCodes.Interrupted;
        }

        if ((await sweep.GetStatus())?.State == SweepState.Paused)
        {
            await context.Error.WriteLineAsync($"hypersweep run: sweep {sweepId} was paused by another command; running trials keep their checkpoints. Continue with: {ResumeHint(sweepId)}");
            return ExitCodes.Interrupted;
        }

        return await PrintResultAsync(context, sweep);
    }

    /// <summary>
    /// One look at the sweep. The trial table is fetched only for a view that shows it: with --json the loop only waits
    /// for the end, and fetching every trial's summary four times a second costs the coordinator O(trials) work per poll.
    /// On a cluster, a look that fails because no silo answers shows the last snapshot again (nothing new is printed)
    /// until the silos are back, for up to <see cref="OutageLimit"/>.
    /// </summary>
    private async Task<SweepSnapshot?> PollAsync(CommandContext context, ISweepGrain sweep, bool withTrials, CancellationToken interrupted)
    {
        while (true)
        {
            try
            {
                var status = await sweep.GetStatus();
                _lastSeen = status is null ? null : new SweepSnapshot(status, withTrials ? await sweep.GetTrials() : []);
                if (_unreachableSince is not null)
                {
                    _unreachableSince = null;
                    await context.Error.WriteLineAsync("hypersweep run: the cluster answers again");
                }

                return _lastSeen;
            }
            catch (Exception exception) when (context.ExplainFailure is { } explain && exception is OrleansException or TimeoutException
                && (_unreachableSince is null || DateTime.UtcNow - _unreachableSince < OutageLimit))
            {
                if (await explain() is not null)
                {
                    throw; // Redis lost the cluster's data: DriveAsync says so
                }

                if (_unreachableSince is null)
                {
                    _unreachableSince = DateTime.UtcNow;
                    await context.Error.WriteLineAsync($"hypersweep run: no silo answers ({exception.GetType().Name}); the sweep goes on without this command, which keeps trying for up to {OutageLimit.TotalMinutes:0} min (Ctrl-C stops trying)");
                }

                if (_lastSeen is not null || interrupted.IsCancellationRequested)
                {
                    return _lastSeen;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), interrupted).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// A call sent again while it times out, for up to two minutes: the client bounds each call at 5 s, and on a loaded
    /// cluster a fresh coordinator's activation and first writes can take longer — or the message expires while the
    /// silo is still placing the coordinator (Orleans then cancels it: these calls take no token, so a cancellation is
    /// always that). Submit (same id, same text) and Resume are idempotent.
    /// </summary>
    private static async Task<T> SentAgainOnTimeout<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException && DateTime.UtcNow < deadline)
            {
                // Not answered in time: the same call again.
            }
        }
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

        if (final.Status.State == SweepState.Cancelled)
        {
            await context.Error.WriteLineAsync($"hypersweep run: sweep {final.Status.SweepId} was cancelled ({final.Status.Reason ?? "no reason given"})");
        }

        return ExitCodes.ForEnded(final.Status);
    }

    private async Task<int> FaultAsync(CommandContext context, StateStoreFault fault)
    {
        var next = fault.Kind == StateStoreFaultKind.Full && _sweepId is not null ? $" Continue with: {ResumeHint(_sweepId)}" : "";
        await context.Error.WriteLineAsync($"hypersweep run: {fault.Message}{next}");
        return ExitCodes.ForStoreFault(fault);
    }
}
