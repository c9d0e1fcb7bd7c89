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

            // The trial table is fetched only for a view that shows it: with --json the loop only waits for the end, and
            // fetching every trial's summary four times a second costs the coordinator O(trials) work per poll.
            var status = await sweep.GetStatus();
            var snapshot = status is null ? null : new SweepSnapshot(status, view.ShowsTrials ? await sweep.GetTrials() : []);
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
