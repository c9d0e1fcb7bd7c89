using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Grains.Slots;
using HyperSweep.Grains.Workloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperSweep.Grains;

/// <summary>
/// One trial. <see cref="Start"/> takes a slot from the silo's <see cref="TrainingSlots"/> and returns at once;
/// the training runs on the slot's dedicated thread (<see cref="TrialTrainingLoop"/>) and comes back into this
/// grain only through <see cref="ITrialRunSink"/> calls, which persist each epoch's metrics and checkpoint reference and
/// the mid-epoch checkpoints in between. A keep-alive timer stops the idle-activation collector from removing the grain
/// while its thread trains. A silo that is leaving starts nothing; an attempt the hung-trial watchdog abandoned is
/// handed back to the sweep to retry from its checkpoint, up to the retry limit, after which the trial fails.
/// <para>
/// Retention (<see cref="TrialArtifactRetention"/>): while the trial may resume (any state but a final one) it keeps its
/// latest checkpoint and the checkpoint of its best epoch; once it has ended it keeps only the best one, until its sweep
/// either releases it (not among the kept models) or finalizes it (<see cref="KeptModelMaker"/> makes the model file).
/// </para>
/// </summary>
public sealed class TrialGrain(
    [PersistentState("trial")] IPersistentState<TrialGrainState> state,
    TrainingSlots slots,
    ITrialWorkload workload,
    IArtifactStore store,
    ILocalSiloDetails silo,
    IOptions<SweepServiceOptions> options,
    Storage.StateStoreHealth health,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain, ITrialRunSink
{
    private TrainingRun? _run;
    private IGrainTimer? _keepAlive;
    private string? _stopReason;
    private bool _finalizing;

    private TrialArtifactRetention? _retention;

    private TrialArtifactRetention Retention => _retention ??= new(state.State, store, logger);

    public async Task<StartResult> Start(TrialAssignment assignment)
    {
        var current = state.State;
        if (assignment.Attempt < current.Attempt)
        {
            return Result(false, $"attempt {assignment.Attempt} is older than attempt {current.Attempt}");
        }

        if (_run is { Completion.IsCompleted: false, Abandoned: false })
        {
            if (assignment.Attempt == current.Attempt)
            {
                return Result(true, null);
            }

            _run.Cancel();
            return Result(false, "the previous attempt is still stopping");
        }

        if (assignment.Attempt == current.Attempt && (current.IsFinal || current.State == TrialState.Paused))
        {
            // This attempt already ended; the coordinator missed the outcome (it gave up retrying). Tell it again
            // from outside this turn (the coordinator is waiting on this call) instead of training twice.
            var outcome = new TrialOutcome(assignment.Trial, current.Attempt, current.State, current.History.Count, current.Reason);
            var sweep = GrainFactory.GetGrain<ISweepGrain>(assignment.SweepId);
            _ = Task.Run(() => sweep.ReportOutcome(outcome));
            return Result(true, null);
        }

        var key = this.GetPrimaryKeyString();
        if (slots.IsDraining)
        {
            DeactivateOnIdle();
            return Result(false, "this silo is leaving the cluster");
        }

        if (slots.InUse >= slots.Capacity || slots.IsRunning(key))
        {
            // Let this activation go, so the next try can be placed on a silo with a free slot.
            DeactivateOnIdle();
            return Result(false, "no free training slot");
        }

        current.Assignment = assignment;
        current.Attempt = assignment.Attempt;
        current.State = TrialState.Running;
        current.Reason = null;
        Retention.MoveLegacyCheckpoint(assignment);
        await state.WriteStateAsync();

        _stopReason = null;
        var history = current.History.ToList();
        var loop = new TrialTrainingLoop(GrainFactory, workload, store, logger, options.Value.ReportRetryBudget, () => _stopReason, silo.SiloAddress.ToParsableString(), slots.Options, health);
        var resume = current.Latest;
        var adopted = current.AdoptedFrom is not null;
        var sink = this.AsReference<ITrialRunSink>();
        _run = slots.TryStart(key, run => loop.Run(assignment, history, resume, run, adopted), reason => _ = sink.Abandoned(assignment.Attempt, reason));
        if (_run is null)
        {
            DeactivateOnIdle();
            return Result(false, "no free training slot");
        }

        _keepAlive?.Dispose();
        _keepAlive = this.RegisterGrainTimer(
            _ => Task.CompletedTask,
            new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { KeepAlive = true, Interleave = true });
        return Result(true, null);
    }

    public Task Stop(string reason)
    {
        _stopReason = reason;
        _run?.Cancel();
        return Task.CompletedTask;
    }

    public Task Suspend()
    {
        _stopReason = null;
        if (_run is { } run)
        {
            // Paused: checkpoint at the next batch boundary (nothing but that batch is redone on resume); a workload that
            // only stops at epoch ends is cancelled after the preemption grace instead of finishing a long epoch.
            run.RequestStop();
            _ = Task.Delay(slots.Options.PreemptionGrace).ContinueWith(_ => run.Cancel(), TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EpochMetrics>> GetHistory() =>
        Task.FromResult<IReadOnlyList<EpochMetrics>>(state.State.History.ToList());

    public Task<TrialAssignment?> GetAssignment() => Task.FromResult(state.State.Assignment);

    public Task<TrialRunProbe> Probe()
    {
        var current = state.State;
        var training = _run is { Completion.IsCompleted: false, Abandoned: false };
        return Task.FromResult(new TrialRunProbe(current.Attempt, training, current.State, current.Reason));
    }

    public Task<TrialArtifacts> GetArtifacts() => Task.FromResult(state.State.Artifacts());

    public Task<IReadOnlyList<GradientRecord>> GetGradients() =>
        Task.FromResult<IReadOnlyList<GradientRecord>>(state.State.Gradients.ToList());

    public async Task<bool> CommitEpoch(int attempt, EpochMetrics metrics, StoredCheckpoint? checkpoint, GradientRecord? gradients)
    {
        var current = state.State;
        if (!IsCurrent(attempt))
        {
            return false;
        }

        var last = current.History.Count == 0 ? 0 : current.History[^1].Epoch;
        if (metrics.Epoch <= last)
        {
            return true;
        }

        current.History.Add(metrics);
        if (gradients is not null)
        {
            current.Gradients.Add(gradients);
        }

        Retention.Advance(metrics, checkpoint, current.Assignment?.Objective);
        current.AdoptedFrom = null; // trained on: the checkpoint is this trial's own again
        await state.WriteStateAsync();
        // Deleted only once the new references are durable: a crash in between leaves an orphan for gc, never a dangling reference.
        Retention.DeleteSuperseded();
        return true;
    }

    public async Task<bool> CommitProgress(int attempt, StoredCheckpoint checkpoint)
    {
        if (!IsCurrent(attempt))
        {
            return false;
        }

        if (!Retention.Progress(checkpoint))
        {
            return true; // a repeat of what is stored, or older
        }

        await state.WriteStateAsync();
        Retention.DeleteSuperseded();
        return true;
    }

    public async Task Abandoned(int attempt, string reason)
    {
        var current = state.State;
        if (!IsCurrent(attempt) || current.State != TrialState.Running)
        {
            return;
        }

        current.AbandonedAttempt = attempt;
        current.HungAttempts++;
        var retries = slots.Options.HungTrialRetries;
        var assignment = current.Assignment!;
        var sweep = GrainFactory.GetGrain<ISweepGrain>(assignment.SweepId);
        if (current.HungAttempts > retries)
        {
            // Retried as often as allowed: the trial fails, and says why.
            current.State = TrialState.Failed;
            current.Reason = $"hung: {reason}; {current.HungAttempts} attempts hung ({retries} retries allowed)";
            Retention.Ended();
            await state.WriteStateAsync();
            Retention.DeleteSuperseded();
            var outcome = new TrialOutcome(assignment.Trial, attempt, TrialState.Failed, current.History.Count, current.Reason);
            _ = Task.Run(() => sweep.ReportOutcome(outcome));
            return;
        }

        await state.WriteStateAsync();
        // The sweep starts a new attempt, which resumes from the checkpoint (on any silo with a free slot).
        var handBack = new TrialHandBack(assignment.Trial, attempt, $"attempt {attempt} abandoned: {reason}");
        _ = Task.Run(() => sweep.HandBack(handBack));
    }

    public async Task<bool> CommitEnd(int attempt, TrialState outcome, string? reason)
    {
        var current = state.State;
        if (!IsCurrent(attempt))
        {
            return false;
        }

        current.State = outcome;
        current.Reason = reason;
        // A paused trial keeps its latest checkpoint: it resumes from it when promoted, and a PBT member's may be adopted
        // by another trial. Any other outcome is final and keeps only what a kept model may need.
        if (outcome != TrialState.Paused)
        {
            Retention.Ended();
            current.AdoptedFrom = null;
        }

        await state.WriteStateAsync();
        Retention.DeleteSuperseded();
        _keepAlive?.Dispose();
        _keepAlive = null;
        // The attempt is over and durable: free this activation's memory now rather than after the idle collection
        // age (a 100,000-trial sweep would otherwise keep every finished trial activated). A later call (the
        // coordinator's GetHistory or a repeated Start) re-activates it from storage.
        DeactivateOnIdle();
        return true;
    }

    public async Task<AdoptionResult> AdoptCheckpoint(int attempt, int donorTrial, int epoch)
    {
        var current = state.State;
        if (attempt != current.Attempt)
        {
            return new AdoptionResult(false, $"attempt {attempt} is not the current attempt {current.Attempt}");
        }

        if (current.AdoptedFrom == donorTrial && current.CheckpointEpoch == epoch)
        {
            return new AdoptionResult(true); // already done (the coordinator asks again after a restart)
        }

        if (_run is { Completion.IsCompleted: false })
        {
            return new AdoptionResult(false, "the attempt is still training");
        }

        var (sweepId, number) = TrialKey.Parse(this.GetPrimaryKeyString());
        var donor = await GrainFactory.GetGrain<ITrialGrain>(TrialKey.Format(sweepId, donorTrial)).GetCheckpoint(epoch);
        if (donor is null)
        {
            return new AdoptionResult(false, $"trial {donorTrial} holds no checkpoint taken after epoch {epoch}");
        }

        StoredCheckpoint copy;
        try
        {
            // A copy of its own in the store: the donor deletes its checkpoint when it trains on or ends, whatever this trial does.
            copy = await Task.Run(() => new StoredCheckpoint(store.Write(sweepId, number, ArtifactKinds.Checkpoint, store.Read(donor.Artifact)), donor.Position));
        }
        catch (Exception exception) when (exception is ArtifactException or IOException or UnauthorizedAccessException)
        {
            return new AdoptionResult(false, $"cannot copy trial {donorTrial}'s checkpoint taken {donor.Position}: {exception.Message}");
        }

        Retention.Adopt(copy);
        current.AdoptedFrom = donorTrial;
        await state.WriteStateAsync();
        Retention.DeleteSuperseded();
        return new AdoptionResult(true);
    }

    public Task<StoredCheckpoint?> GetCheckpoint(int epoch) =>
        Task.FromResult(state.State.Latest is { Position: { Batch: 0 } position } latest && position.Epoch == epoch ? latest : null);

    public async Task ReleaseArtifacts()
    {
        Retention.Release();
        await state.WriteStateAsync();
        Retention.DeleteSuperseded();
    }

    public async Task Finalize(bool scoreTest)
    {
        if (_finalizing || state.State.Assignment is not { } assignment)
        {
            return;
        }

        _finalizing = true;
        try
        {
            var report = await Maker().FinalizeAsync(scoreTest);
            // One-way: the sweep may be waiting on this grain (GetModel) while this turn runs.
            await GrainFactory.GetGrain<ISweepGrain>(assignment.SweepId).ReportKeptModel(report);
        }
        finally
        {
            _finalizing = false;
        }
    }

    public async Task<KeptModelReport?> GetModel() => state.State.Released ? null : await Maker().FinalizeAsync(scoreTest: false);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Silo shutting down (or the activation being moved): interrupt training; the sweep resumes it elsewhere.
        _run?.Cancel();
        _keepAlive?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="attempt"/> may still write: it is the current one and the watchdog has not abandoned it.</summary>
    private bool IsCurrent(int attempt) => attempt == state.State.Attempt && attempt != state.State.AbandonedAttempt;

    private KeptModelMaker Maker() => new(state, workload, store, TrialKey.Parse(this.GetPrimaryKeyString()).Trial, logger);

    private StartResult Result(bool started, string? reason) =>
        new(started, silo.SiloAddress.ToParsableString(), slots.Capacity, slots.InUse, reason, state.State.CheckpointEpoch, state.State.Latest?.Position.Batch ?? 0);
}
