using HyperSweep.Client.Commands;
using HyperSweep.Contracts;
using HyperSweep.Grains.Storage;

namespace HyperSweep.Client;

/// <summary>
/// The part of <c>hypersweep run</c> after the silo is there: submit (or resume) the sweep, follow it with a progress
/// view, and end as its state says. It follows the sweep, not only this process: paused by another command, it says so
/// and exits 130 as a Ctrl-C here would (continue with <c>--resume</c>); cancelled by another command, it exits 1 with
/// the reason. In dev mode it also watches the state store: once a write has failed (a full disk), it shows nothing
/// more from the coordinator, whose memory may be ahead of what was stored, prints the one-line fault and exits 3; on a
/// cluster, a failed call is explained the same way when Redis lost the cluster's data.
/// </summary>
internal sealed class SweepRun(
    IGrainFactory grains, RunRequest request, LoadedSpec? loaded, Func<StateStoreFault?> storeFault, TextWriter stdout, TextWriter stderr,
    Func<Task<string?>>? explainFailure = null)
{
    /// <summary>
    /// On a cluster, how long <c>run</c> keeps polling through calls that fail because no silo answers (every silo
    /// restarting: a Slurm requeue, a whole-cluster restart) before it gives up; the sweep itself goes on regardless.
    /// </summary>
    public static readonly TimeSpan OutageLimit = TimeSpan.FromMinutes(10);

    private SweepSnapshot? _lastSeen;
    private DateTime? _unreachableSince;

    public async Task<int> RunAsync(CancellationToken interrupted)
    {
        var sweepId = request.Resume ?? SweepIds.New();
        try
        {
            return await FollowAsync(sweepId, interrupted);
        }
        catch (Exception) when (storeFault() is { } fault)
        {
            // A grain call failed because the store did: the fault says why in one line (the call's error is in the log file).
            return await Fault(sweepId, fault);
        }
        catch (Exception) when (explainFailure is not null)
        {
            // On a cluster: a call failed, perhaps because the silos stopped when Redis lost the cluster's data.
            if (await explainFailure() is { } explanation)
            {
                await stderr.WriteLineAsync($"hypersweep run: {explanation}");
                return ExitCodes.ClusterUnreachable;
            }

            throw;
        }
    }

    private async Task<int> FollowAsync(string sweepId, CancellationToken interrupted)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        if (await Start(sweep, sweepId) is { } refused)
        {
            return refused;
        }

        var rich = CommandContext.RichConsoleFor(stdout, request.Json);
        if (!request.Json)
        {
            await stderr.WriteLineAsync($"sweep {sweepId} running; Ctrl-C pauses it (continue with: {ResumeCommand(sweepId)})");
        }

        IProgressView view = request.Json ? new SilentProgressView(TimeSpan.FromMilliseconds(250))
            : rich is not null ? new SpectreProgressView(rich, TimeSpan.FromMilliseconds(500))
            : new PlainProgressView(stdout, TimeSpan.FromMilliseconds(500));
        var last = await view.ShowAsync(async () =>
        {
            if (interrupted.IsCancellationRequested || storeFault() is not null)
            {
                return null;
            }

            var snapshot = await Poll(sweep, view.ShowsTrials, interrupted);
            // Fetched while a write failed: it may show what was never stored, so it is not shown. Paused by another
            // command: nothing will change until someone resumes it.
            return storeFault() is not null || snapshot?.Status.State == SweepState.Paused ? null : snapshot;
        });

        if (storeFault() is { } fault)
        {
            return await Fault(sweepId, fault);
        }

        if (interrupted.IsCancellationRequested && last is not { Status.IsFinal: true })
        {
            await sweep.Pause();
            await stderr.WriteLineAsync($"interrupted: sweep {sweepId} paused; continue with: {ResumeCommand(sweepId)}");
            return ExitCodes.Interrupted;
        }

        var final = new SweepSnapshot((await sweep.GetStatus())!, await sweep.GetTrials());
        if (final.Status.State == SweepState.Paused)
        {
            await stderr.WriteLineAsync($"hypersweep run: sweep {sweepId} was paused by another command; running trials keep their checkpoints. Continue with: {ResumeCommand(sweepId)}");
            return ExitCodes.Interrupted;
        }

        if (request.Json)
        {
            await stdout.WriteLineAsync(JsonReport.Render(final));
        }
        else
        {
            Leaderboard.Print(final.Status, await sweep.GetLeaderboard(request.Top), rich, stdout);
        }

        if (final.Status.State == SweepState.Cancelled)
        {
            await stderr.WriteLineAsync($"hypersweep run: sweep {sweepId} was cancelled ({final.Status.Reason ?? "no reason given"})");
        }

        return final.Status.State == SweepState.Completed ? ExitCodes.Success : ExitCodes.SweepFailed;
    }

    /// <summary>
    /// One look at the sweep. The trial table is fetched only for a view that shows it: with --json the loop only waits
    /// for the end, and fetching every trial's summary four times a second costs the coordinator O(trials) work per poll.
    /// On a cluster, a look that fails because no silo answers shows the last snapshot again (nothing new is printed)
    /// until the silos are back, for up to <see cref="OutageLimit"/>.
    /// </summary>
    private async Task<SweepSnapshot?> Poll(ISweepGrain sweep, bool withTrials, CancellationToken interrupted)
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
                    await stderr.WriteLineAsync("hypersweep run: the cluster answers again");
                }

                return _lastSeen;
            }
            catch (Exception exception) when (explainFailure is not null && exception is OrleansException or TimeoutException
                && (_unreachableSince is null || DateTime.UtcNow - _unreachableSince < OutageLimit))
            {
                if (await explainFailure() is not null)
                {
                    throw; // Redis lost the cluster's data: RunAsync says so
                }

                if (_unreachableSince is null)
                {
                    _unreachableSince = DateTime.UtcNow;
                    await stderr.WriteLineAsync($"hypersweep run: no silo answers ({exception.GetType().Name}); the sweep goes on without this command, which keeps trying for up to {OutageLimit.TotalMinutes:0} min (Ctrl-C stops trying)");
                }

                if (_lastSeen is not null || interrupted.IsCancellationRequested)
                {
                    return _lastSeen;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), interrupted).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Submits the spec or resumes the sweep; an exit code when that was refused, else null.</summary>
    private async Task<int?> Start(ISweepGrain sweep, string sweepId)
    {
        if (loaded is not null)
        {
            var submitted = await sweep.Submit(new SweepSubmission(loaded.Text, request.Spec!.ToString(), BaseDirectory: loaded.Folder));
            if (!submitted.Accepted)
            {
                foreach (var error in submitted.Errors)
                {
                    await stderr.WriteLineAsync(error.ToString());
                }

                return ExitCodes.BadInput;
            }

            return null;
        }

        if (await sweep.Resume() is null)
        {
            var known = await grains.GetGrain<ISweepRegistryGrain>(0).List();
            var hint = known.Count == 0 ? "no sweeps are stored there" : "known sweeps: " + string.Join(", ", known.Take(5).Select(k => $"{k.SweepId} ({k.Name}, {Formatting.State(k.State)})"));
            await stderr.WriteLineAsync($"hypersweep run: no sweep '{sweepId}' in this state directory; {hint}.");
            return ExitCodes.BadInput;
        }

        return null;
    }

    private async Task<int> Fault(string sweepId, StateStoreFault fault)
    {
        var next = fault.Kind == StateStoreFaultKind.Full ? $" Continue with: {ResumeCommand(sweepId)}" : "";
        await stderr.WriteLineAsync($"hypersweep run: {fault.Message}{next}");
        return ExitCodes.ForStoreFault(fault);
    }

    private string ResumeCommand(string sweepId) =>
        $"hypersweep run --resume {sweepId}{(request.StateDir is null ? "" : $" --state-dir {request.StateDir}")}";
}
