using HyperSweep.Search;
using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Grains.Slots;
using HyperSweep.Grains.Telemetry;
using HyperSweep.Grains.Workloads;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains;

/// <summary>
/// The body of one trial attempt, run on a dedicated training thread (never a grain scheduler thread). It
/// first re-sends the epochs persisted by earlier attempts (the sweep ignores duplicates; this closes the gap
/// when an attempt died between persisting an epoch and reporting it), then trains from the checkpoint. Each
/// epoch is persisted by the trial grain first and reported to the sweep second, so a reported epoch is always
/// resumable. Checkpoints go to the artifact store before the epoch is committed (the grain keeps the reference); a
/// checkpoint that cannot be read back (missing, or not the bytes its reference hashes) fails the attempt with the
/// reason instead of training from scratch. Blocking on grain calls is fine here: this thread belongs to the training,
/// not to Orleans.
/// </summary>
internal sealed class TrialTrainingLoop(
    IGrainFactory grains,
    ITrialWorkload workload,
    IArtifactStore store,
    ILogger logger,
    TimeSpan retryBudget,
    Func<string?> stopReason,
    string silo)
{
    /// <param name="adopted">The checkpoint is another trial's (PBT): the workload applies this trial's hyper-parameters on top.</param>
    public void Run(TrialAssignment assignment, IReadOnlyList<EpochMetrics> history, StoredCheckpoint? resume, TrainingRun run, bool adopted = false)
    {
        var checkpointEpoch = resume?.Position.Epoch ?? 0;
        var cancellation = run.Token;
        var key = TrialKey.Format(assignment.SweepId, assignment.Trial);
        var sink = grains.GetGrain<ITrialRunSink>(key);
        var sweep = grains.GetGrain<ISweepGrain>(assignment.SweepId);
        using var telemetry = new AttemptTelemetry(assignment, silo, checkpointEpoch);

        EpochVerdict? verdict = null;
        foreach (var earlier in history)
        {
            verdict = Call(() => sweep.ReportEpoch(new EpochReport(assignment.Trial, assignment.Attempt, earlier)), cancellation);
            if (verdict.ShouldStop)
            {
                break;
            }
        }

        string? failure = null;
        string? note = null;
        var lastEpoch = checkpointEpoch;
        byte[]? checkpoint = null;
        if (resume is not null && (verdict is null || !verdict.ShouldStop))
        {
            try
            {
                checkpoint = store.Read(resume.Artifact);
            }
            catch (Exception exception) when (exception is ArtifactException or IOException or UnauthorizedAccessException)
            {
                failure = $"cannot resume from the checkpoint taken {resume.Position} (refusing to train a different model from scratch): {exception.Message}";
            }
        }

        if (failure is null && (verdict is null || !verdict.ShouldStop))
        {
            verdict = null;
            var request = WorkloadRequests.For(assignment, checkpoint, checkpointEpoch, adopted);
            try
            {
                var result = workload.Run(request, epoch =>
                {
                    lastEpoch = epoch.Epoch;
                    var metrics = new EpochMetrics(epoch.Epoch, epoch.Metrics.ToImmutableSortedDictionary(StringComparer.Ordinal));
                    if (metrics.Values.Values.Any(v => !double.IsFinite(v)))
                    {
                        failure = $"diverged at epoch {epoch.Epoch}";
                        return false;
                    }

                    var epochSpan = telemetry.EpochTrained(metrics, epoch.TrainedItems);
                    try
                    {
                        var stored = epoch.Checkpoint is { } bytes
                            ? new StoredCheckpoint(store.Write(assignment.SweepId, assignment.Trial, ArtifactKinds.Checkpoint, bytes), new CheckpointPosition(epoch.Epoch))
                            : null;
                        if (epoch.Gradients is { } gradients)
                        {
                            telemetry.GradientsMeasured(epochSpan, gradients);
                        }

                        if (!Call(() => sink.CommitEpoch(assignment.Attempt, metrics, stored, epoch.Gradients), cancellation))
                        {
                            verdict = new EpochVerdict(VerdictKind.Stale, "attempt superseded");
                            return false;
                        }

                        verdict = Call(() => sweep.ReportEpoch(new EpochReport(assignment.Trial, assignment.Attempt, metrics)), cancellation);
                        return !verdict.ShouldStop;
                    }
                    finally
                    {
                        telemetry.EpochReported(epochSpan, epoch.Epoch, verdict);
                    }
                }, cancellation);
                failure ??= result.FailureReason;
                note = result.Note;
            }
            catch (Exception) when (cancellation.IsCancellationRequested)
            {
                // Cancelled, or a report failed because this silo is shutting down: either way not a training failure.
                if (stopReason() is not { } reason)
                {
                    // The activation or the silo is going away: leave the trial to be resumed elsewhere.
                    logger.LogInformation("Trial {Trial} attempt {Attempt} interrupted at epoch {Epoch}", key, assignment.Attempt, lastEpoch);
                    return;
                }

                verdict = new EpochVerdict(VerdictKind.Cancel, reason);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Trial {Trial} attempt {Attempt} failed", key, assignment.Attempt);
                failure = $"{exception.GetType().Name}: {exception.Message}";
            }
        }

        var (state, why) = failure is not null ? (TrialState.Failed, failure)
            : verdict is null || verdict.Kind == VerdictKind.Continue ? (TrialState.Completed, note)
            : verdict.Kind == VerdictKind.Prune ? (TrialState.Pruned, verdict.Reason)
            : verdict.Kind == VerdictKind.Cancel ? (TrialState.Cancelled, verdict.Reason)
            : verdict.Kind == VerdictKind.Pause ? (TrialState.Paused, verdict.Reason)
            : (TrialState.Pending, verdict.Reason);
        if (state == TrialState.Pending)
        {
            return; // stale attempt: the coordinator has moved on and expects nothing from it
        }

        telemetry.End(state, why);
        if (Call(() => sink.CommitEnd(assignment.Attempt, state, why), CancellationToken.None))
        {
            // Free the slot before telling the sweep, so the trial it starts next finds the slot free.
            run.ReleaseSlot();
            Call(async () =>
            {
                await sweep.ReportOutcome(new TrialOutcome(assignment.Trial, assignment.Attempt, state, Math.Max(lastEpoch, history.Count), why));
                return true;
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// Blocks this training thread until <paramref name="task"/> completes, without spinning first. A plain
    /// GetAwaiter().GetResult() spin-waits before it blocks; with a dozen training threads waiting on grain calls on
    /// a 2-core machine, that spinning was over half of the service's CPU time in the no-op benchmark.
    /// </summary>
    private static T WaitWithoutSpinning<T>(Task<T> task)
    {
        if (!task.IsCompleted)
        {
            // Not disposed on purpose: it never allocates a kernel handle, and Set may still be returning when Wait does.
            var done = new ManualResetEventSlim(false, spinCount: 0);
            task.ContinueWith(static (_, state) => ((ManualResetEventSlim)state!).Set(), done, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            done.Wait();
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>A call to a grain, retried with back-off: the sweep's silo may be dying and the coordinator re-activating elsewhere.</summary>
    private T Call<T>(Func<Task<T>> call, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + retryBudget;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return WaitWithoutSpinning(call());
            }
            catch (Exception exception) when (DateTime.UtcNow < deadline && !cancellation.IsCancellationRequested && exception is not OperationCanceledException)
            {
                logger.LogInformation("Retrying a trial report after {Error}", exception.Message);
                cancellation.WaitHandle.WaitOne(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
