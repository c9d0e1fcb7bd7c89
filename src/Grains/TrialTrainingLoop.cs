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
/// reason instead of training from scratch. Between epochs, <see cref="TrialRunControl"/> takes mid-epoch checkpoints at
/// the configured interval; when the silo is leaving (SIGTERM, a batch system's preemption) it checkpoints at the next
/// batch boundary, hands the trial back to its sweep (which starts it elsewhere from that batch) and ends without an
/// outcome. Blocking on grain calls is fine here: this thread belongs to the training, not to Orleans.
/// </summary>
internal sealed class TrialTrainingLoop(
    IGrainFactory grains,
    ITrialWorkload workload,
    IArtifactStore store,
    ILogger logger,
    TimeSpan retryBudget,
    Func<string?> stopReason,
    string silo,
    TrainingSlotOptions options,
    Storage.StateStoreHealth health)
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
        var control = new TrialRunControl(run, options, (epoch, batch, bytes) =>
        {
            // epoch is the one in progress: epoch - 1 whole epochs done, then batch batches of this one.
            var stored = Store(assignment, bytes, new CheckpointPosition(epoch - 1, batch));
            return CallFor(run, () => sink.CommitProgress(assignment.Attempt, stored), cancellation);
        });
        var handBack = false;

        EpochVerdict? verdict = null;
        foreach (var earlier in history)
        {
            verdict = CallFor(run, () => sweep.ReportEpoch(new EpochReport(assignment.Trial, assignment.Attempt, earlier)), cancellation);
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
                    run.Progress();
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
                        var stored = epoch.Checkpoint is { } bytes ? Store(assignment, bytes, new CheckpointPosition(epoch.Epoch)) : null;
                        if (epoch.Gradients is { } gradients)
                        {
                            telemetry.GradientsMeasured(epochSpan, gradients);
                        }

                        if (!CallFor(run, () => sink.CommitEpoch(assignment.Attempt, metrics, stored, epoch.Gradients), cancellation))
                        {
                            verdict = new EpochVerdict(VerdictKind.Stale, "attempt superseded");
                            return false;
                        }

                        control.Checkpointed();
                        verdict = CallFor(run, () => sweep.ReportEpoch(new EpochReport(assignment.Trial, assignment.Attempt, metrics)), cancellation);
                        // Leaving: this epoch's checkpoint is stored, which is the next batch boundary.
                        handBack = !verdict.ShouldStop && run.StopRequested.IsCancellationRequested;
                        return !verdict.ShouldStop && !handBack;
                    }
                    finally
                    {
                        telemetry.EpochReported(epochSpan, epoch.Epoch, verdict);
                    }
                }, control, cancellation);
                failure ??= result.FailureReason;
                note = result.Note;
                handBack |= result.Preempted;
                if (control.Superseded)
                {
                    verdict = new EpochVerdict(VerdictKind.Stale, "attempt superseded");
                }
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

        if (run.Abandoned)
        {
            return; // the watchdog gave up on this attempt and told its trial; whatever happened since is stale
        }

        if (handBack && failure is null && verdict is not { Kind: VerdictKind.Stale })
        {
            HandBack(assignment, run, sweep, lastEpoch, key);
            return;
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
        if (CallFor(run, () => sink.CommitEnd(assignment.Attempt, state, why), CancellationToken.None))
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
    /// The silo is leaving and the attempt's last checkpoint is stored: give the slot back and ask the sweep to start
    /// the trial again elsewhere now, instead of after the membership declares this silo gone.
    /// </summary>
    private void HandBack(TrialAssignment assignment, TrainingRun run, ISweepGrain sweep, int epochsDone, string key)
    {
        run.ReleaseSlot();
        var reason = $"silo {silo} is leaving; checkpointed after epoch {epochsDone} (and any batches of the next)";
        logger.LogInformation("Trial {Trial} attempt {Attempt} handed back: {Reason}", key, assignment.Attempt, reason);
        try
        {
            Call(async () =>
            {
                await sweep.HandBack(new TrialHandBack(assignment.Trial, assignment.Attempt, reason));
                return true;
            }, CancellationToken.None, TimeSpan.FromSeconds(10));
        }
        catch (Exception exception)
        {
            // The sweep also learns it when the membership sees this silo leave (and from its liveness probe).
            logger.LogInformation("Trial {Trial} could not be handed back ({Error}); its sweep finds it when this silo has left", key, exception.Message);
        }
    }

    /// <summary>
    /// Writes checkpoint bytes to the artifact store (before the commit that references them). Once stored they are
    /// garbage (the workload drops them when this epoch's report returns), counted towards the next collection.
    /// </summary>
    private StoredCheckpoint Store(TrialAssignment assignment, byte[] bytes, CheckpointPosition position)
    {
        var stored = new StoredCheckpoint(store.Write(assignment.SweepId, assignment.Trial, ArtifactKinds.Checkpoint, bytes), position);
        TrialMemoryReclaimer.Discarded(bytes.Length);
        return stored;
    }

    /// <summary>A call made by the run: its time does not count as silence for the hung-trial watchdog.</summary>
    private T CallFor<T>(TrainingRun run, Func<Task<T>> call, CancellationToken cancellation)
    {
        using var _ = run.InCall();
        return Call(call, cancellation);
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

    /// <summary>
    /// A call to a grain, retried with back-off: the sweep's silo may be dying and the coordinator re-activating elsewhere.
    /// Not once the state store has failed (a full disk, a damaged file): that does not heal by retrying, and the host is
    /// stopping with the fault's message.
    /// </summary>
    private T Call<T>(Func<Task<T>> call, CancellationToken cancellation, TimeSpan? budget = null)
    {
        var deadline = DateTime.UtcNow + (budget ?? retryBudget);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return WaitWithoutSpinning(call());
            }
            catch (Exception exception) when (DateTime.UtcNow < deadline && !cancellation.IsCancellationRequested && exception is not OperationCanceledException
                && health.Fault is null)
            {
                logger.LogInformation("Retrying a trial report after {Error}", exception.Message);
                cancellation.WaitHandle.WaitOne(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
