using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Grains.Slots;
using HyperSweep.Grains.Workloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperSweep.Grains;

/// <summary>
/// One trial. <see cref="Start"/> takes a slot from the silo's <see cref="TrainingSlots"/> and returns at once;
/// the training runs on the slot's dedicated thread (<see cref="TrialTrainingLoop"/>) and comes back into this
/// grain only through <see cref="ITrialRunSink"/> calls, which persist each epoch's metrics and checkpoint and the
/// mid-epoch checkpoints in between. A keep-alive timer stops the idle-activation collector from removing the grain
/// while its thread trains. A silo that is leaving starts nothing; an attempt the hung-trial watchdog abandoned is
/// handed back to the sweep to retry from its checkpoint, up to the retry limit, after which the trial fails.
/// </summary>
public sealed class TrialGrain(
    [PersistentState("trial")] IPersistentState<TrialGrainState> state,
    TrainingSlots slots,
    ITrialWorkload workload,
    ILocalSiloDetails silo,
    IOptions<SweepServiceOptions> options,
    Storage.StateStoreHealth health,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain, ITrialRunSink
{
    private TrainingRun? _run;
    private IGrainTimer? _keepAlive;
    private string? _stopReason;

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

        if (assignment.Attempt == current.Attempt && current.State is TrialState.Completed or TrialState.Pruned or TrialState.Failed or TrialState.Cancelled)
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
        await state.WriteStateAsync();

        _stopReason = null;
        var history = current.History.ToList();
        var loop = new TrialTrainingLoop(GrainFactory, workload, logger, options.Value.ReportRetryBudget, () => _stopReason, silo.SiloAddress.ToParsableString(), slots.Options, health);
        var checkpoint = current.Checkpoint;
        var checkpointEpoch = current.CheckpointEpoch;
        var sink = this.AsReference<ITrialRunSink>();
        _run = slots.TryStart(key, run => loop.Run(assignment, history, checkpoint, checkpointEpoch, run), reason => _ = sink.Abandoned(assignment.Attempt, reason));
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

    public Task<TrialRunProbe> Probe()
    {
        var current = state.State;
        var training = _run is { Completion.IsCompleted: false, Abandoned: false };
        return Task.FromResult(new TrialRunProbe(current.Attempt, training, current.State, current.Reason));
    }

    public async Task<bool> CommitEpoch(int attempt, EpochMetrics metrics, byte[]? checkpoint)
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
        current.Checkpoint = checkpoint;
        current.CheckpointEpoch = metrics.Epoch;
        current.CheckpointBatch = 0;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<bool> CommitProgress(int attempt, int epochsDone, int batchesDone, byte[] checkpoint)
    {
        var current = state.State;
        if (!IsCurrent(attempt))
        {
            return false;
        }

        if (epochsDone < current.CheckpointEpoch || (epochsDone == current.CheckpointEpoch && batchesDone <= current.CheckpointBatch))
        {
            return true; // a repeat of what is stored, or older
        }

        current.Checkpoint = checkpoint;
        current.CheckpointEpoch = epochsDone;
        current.CheckpointBatch = batchesDone;
        await state.WriteStateAsync();
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
            current.Checkpoint = null;
            await state.WriteStateAsync();
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
        // The checkpoint is only needed to resume; a finished trial keeps its history, not its weights.
        current.Checkpoint = null;
        current.CheckpointEpoch = 0;
        current.CheckpointBatch = 0;
        await state.WriteStateAsync();
        _keepAlive?.Dispose();
        _keepAlive = null;
        // The attempt is over and durable: free this activation's memory now rather than after the idle collection
        // age (a 100,000-trial sweep would otherwise keep every finished trial activated). A later call (the
        // coordinator's GetHistory or a repeated Start) re-activates it from storage.
        DeactivateOnIdle();
        return true;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Silo shutting down (or the activation being moved): interrupt training; the sweep resumes it elsewhere.
        _run?.Cancel();
        _keepAlive?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="attempt"/> may still write: it is the current one and the watchdog has not abandoned it.</summary>
    private bool IsCurrent(int attempt) => attempt == state.State.Attempt && attempt != state.State.AbandonedAttempt;

    private StartResult Result(bool started, string? reason) =>
        new(started, silo.SiloAddress.ToParsableString(), slots.Capacity, slots.InUse, reason, state.State.CheckpointEpoch, state.State.CheckpointBatch);
}
