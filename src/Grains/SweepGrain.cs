using System.Diagnostics;
using HyperSweep.Contracts;
using HyperSweep.Grains.Coordination;
using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Telemetry;
using HyperSweep.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperSweep.Grains;

/// <summary>
/// The coordinator of one sweep: Orleans glue around pure parts — the <see cref="SweepPlan"/> (what to run), the
/// <see cref="SweepLedger"/> (the trial table and the Search library's session: what to try next, when to stop, the
/// one ranking), the <see cref="SiloPicker"/> (where to start) and the <see cref="SweepStore"/> journal, written at
/// every change that matters before it answers. It starts trials up to the spec's concurrency on silos with free
/// training slots, answers each epoch report with continue, prune or pause (a scheduler's), and a keep-alive monitor
/// re-queues trials whose silo left the cluster or whose attempt vanished (a new attempt resumes from the checkpoint) and
/// retries dispatching. What a sweep leaves behind (kept models, test scores, importance, gradients) is in
/// SweepGrain.Results.cs. Over 300 lines (at most 350): the grain's calls and turns are read together; every decision is
/// in Coordination/.
/// </summary>
public sealed partial class SweepGrain(
    SweepStore state,
    SweepPlanner planner,
    IClusterMembershipService membership,
    Artifacts.SweepLeftoverCollector leftovers,
    IOptions<SweepServiceOptions> options,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, ISweepDispatch
{
    private readonly SiloPicker _silos = new();
    private SweepLedger? _ledger;
    private IGrainTimer? _monitor;
    private Activity? _span;
    private bool _dispatchQueued; // a DispatchQueued message to this grain is on its way (see QueueDispatch)
    private RunningTrialsWatch? _watch; // re-queues trials of departed silos, probes the others

    private string SweepId => this.GetPrimaryKeyString();

    private SweepGrainState S => state.State;

    private SweepLedger Ledger => _ledger!;

    private TrialTable Table => Ledger.Table;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await state.LoadAsync(this.GetGrainId());
        if (!state.RecordExists)
        {
            return;
        }

        // The sweep was accepted already: its data files are not reopened (its trials report missing files themselves).
        var plan = planner.Plan(S.SpecText, S.SourceName, S.BaseDirectory ?? Directory.GetCurrentDirectory(), checkData: false);
        _ledger = SweepLedger.Resume(SweepId, plan, S);
        if (!S.State.IsFinal())
        {
            _span = S.TraceParent is null ? null : SweepTracing.Start(SweepId, S.Name, S.TraceParent);
            await Calls().CatchUp(Ledger);
            if (Ledger.Dirty)
            {
                await Save();
            }

            StartMonitor();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_ledger is { Dirty: true } && state.RecordExists)
        {
            await Save();
        }

        SweepTracing.End(_span, S.State, S.Reason);
        _span = null;
    }

    public async Task<SubmitResult> Submit(SweepSubmission submission)
    {
        if (state.RecordExists)
        {
            return S.SpecText == submission.SpecText
                ? new SubmitResult(true, [], Status())
                : new SubmitResult(false, [new SpecError(submission.SourceName, 0, 0, null, $"sweep id '{SweepId}' is already used by another sweep")], null);
        }

        // Checked again here, data files included: a coordinator never trusts a client's validation.
        var (plan, errors) = planner.Check(submission);
        if (plan is null)
        {
            return new SubmitResult(false, errors, null);
        }

        // Nothing is written before the spec is known to be valid: a rejected spec leaves no state behind.
        _ledger = SweepLedger.Start(SweepId, plan, S);
        S.Name = string.IsNullOrWhiteSpace(submission.NameOverride) ? plan.Name : submission.NameOverride;
        S.SpecText = submission.SpecText;
        S.SourceName = submission.SourceName;
        S.BaseDirectory = plan.BaseDirectory;
        S.CreatedAt = DateTimeOffset.UtcNow;
        S.State = SweepState.Running;
        _span = SweepTracing.Start(SweepId, S.Name, null);
        S.TraceParent = TraceContext.Format(_span);
        await Save();
        await SlowSteps.Time(logger, SweepId, "registry update", () => Registry().Upsert(Entry()));
        StartMonitor();
        // The first trials start in the queued dispatch, not inside this call: the client waits on Submit, and on a
        // cluster that has just formed a Start call can wait out its whole response timeout.
        QueueDispatch();
        return new SubmitResult(true, [], Status());
    }

    public Task<SweepStatus?> GetStatus() => Task.FromResult(state.RecordExists ? Status() : null);

    public Task<IReadOnlyList<TrialSummary>> GetTrials() =>
        Task.FromResult<IReadOnlyList<TrialSummary>>(state.RecordExists ? [.. Table.Records.Select(Summary)] : []);

    public Task<IReadOnlyList<TrialSummary>> GetLeaderboard(int top) =>
        Task.FromResult<IReadOnlyList<TrialSummary>>(state.RecordExists ? [.. Table.Ranked().Take(Math.Max(0, top)).Select(Summary)] : []);

    public async Task<TrialDetail?> GetTrial(int trial)
    {
        if (!state.RecordExists || !Table.Contains(trial))
        {
            return null;
        }

        // The learning curve is kept by the trial grain (GetHistory interleaves, so this never waits on training).
        var record = Table[trial];
        var history = record.Attempts.Count == 0 ? [] : await Calls().Trial(trial).GetHistory();
        return new TrialDetail(Summary(record), [.. history.Where(e => e.Epoch <= record.LastEpoch)], [.. record.Attempts]);
    }

    public async Task<SweepStatus?> Cancel()
    {
        if (!state.RecordExists || S.State.IsFinal())
        {
            return state.RecordExists ? Status() : null;
        }

        var interrupted = Ledger.CancelAll("sweep cancelled");
        S.State = SweepState.Cancelled;
        S.Reason = "cancelled by the user";
        var released = Ledger.DecideKept();
        await Finish();
        await Calls().Stop(interrupted, t => t.Stop("sweep cancelled"));
        await Calls().Release(released);
        return Status();
    }

    public async Task<SweepStatus?> Pause()
    {
        if (!state.RecordExists || S.State != SweepState.Running)
        {
            return state.RecordExists ? Status() : null;
        }

        // Running trials are interrupted and queued again as new attempts: they resume from their checkpoints.
        var interrupted = Ledger.RequeueRunning();
        S.State = SweepState.Paused;
        await Save();
        await Registry().Upsert(Entry());
        await Calls().Stop(interrupted, t => t.Suspend());
        return Status();
    }

    public async Task<SweepStatus?> Resume()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (S.State == SweepState.Paused)
        {
            S.State = SweepState.Running;
            await Save();
            await Registry().Upsert(Entry());
        }

        await Wake();
        return Status();
    }

    public async Task Wake()
    {
        if (state.RecordExists && S.State == SweepState.Running)
        {
            StartMonitor();
            await DispatchAndSave();
        }
    }

    public Task<EpochVerdict> ReportEpoch(EpochReport report)
    {
        if (!state.RecordExists)
        {
            return Task.FromResult(new EpochVerdict(VerdictKind.Cancel, $"no sweep '{SweepId}'"));
        }

        var started = Stopwatch.GetTimestamp();
        var (verdict, ended) = Ledger.Judge(report);
        if (ended == TrialState.Pruned)
        {
            SweepTracing.Pruned(_span, report.Trial, report.Metrics.Epoch, verdict.Reason);
        }

        if (ended is not null)
        {
            QueueDispatch(); // a slot is (about to be) free
        }

        HyperSweepMetrics.RecordDecision(started, ended == TrialState.Pruned);
        return Task.FromResult(verdict);
    }

    /// <summary>
    /// Records a trial's end and queues a dispatch; it does not wait for a write. The outcome is already durable in the
    /// trial grain (it commits its end before reporting it), and a coordinator re-activated before its next write
    /// finds the trial still running in its journal and learns the end from the liveness probe, or re-sends the start,
    /// which an ended attempt answers by reporting its outcome again.
    /// </summary>
    public Task ReportOutcome(TrialOutcome outcome)
    {
        if (state.RecordExists)
        {
            _silos.ForgetRefusals(); // a slot was just freed somewhere
            if (Ledger.RecordOutcome(outcome).SlotFreed)
            {
                QueueDispatch();
            }
        }

        return Task.CompletedTask;
    }

    public Task HandBack(TrialHandBack handBack)
    {
        if (state.RecordExists && Ledger.HandBack(handBack))
        {
            logger.LogInformation("Trial {Trial} of {Sweep} handed back attempt {Attempt} ({Reason}); starting it again", handBack.Trial, SweepId, handBack.Attempt, handBack.Reason);
            _silos.ForgetRefusals(); // its slot is free now
            QueueDispatch();
        }

        return Task.CompletedTask;
    }

    public Task DispatchQueued()
    {
        _dispatchQueued = false;
        return state.RecordExists ? DispatchAndSave() : Task.CompletedTask;
    }

    private async Task Save()
    {
        await SlowSteps.Time(logger, SweepId, "journal write", () => state.WriteStateAsync(), () => $"{state.SegmentCount} segments");
        Ledger.Saved();
    }

    /// <summary>
    /// Sends this grain one <see cref="ISweepDispatch.DispatchQueued"/> unless one is already on its way: outcomes that
    /// arrive together are handled by one dispatch with one write. The monitor tick dispatches too, so a lost message
    /// only delays the next start by one tick.
    /// </summary>
    private void QueueDispatch()
    {
        if (!_dispatchQueued)
        {
            _dispatchQueued = true;
            _ = this.AsReference<ISweepDispatch>().DispatchQueued();
        }
    }

    /// <summary>Creates and starts what can start, ends a sweep with nothing left to run, and flushes.</summary>
    private async Task DispatchAndSave()
    {
        await ReleaseWeights();
        if (S.State == SweepState.Running)
        {
            // Write-ahead: new trials (with their proposals), resumes and exploitations enter the persisted table before
            // any of them starts, so a coordinator that crashes mid-dispatch never forgets a trial that is already training.
            await Calls().CreateTrials(Ledger, Save);

            await Calls().StartPending(Ledger, ActiveSilos(), S.TraceParent);
            if (Ledger.Exhausted && FinalizeKeptModels())
            {
                await CollectLeftovers();
                (S.State, S.Reason) = Ledger.Outcome();
                await Finish();
                return;
            }
        }

        if (Ledger.Dirty)
        {
            await Save();
        }
    }

    private async Task Monitor(CancellationToken cancellationToken)
    {
        if (!state.RecordExists || S.State.IsFinal())
        {
            StopMonitor();
            return;
        }

        _silos.ForgetRefusals();
        await (_watch ??= new RunningTrialsWatch(GrainFactory, SweepId, options.Value, logger)).CheckAsync(Ledger, ActiveSilos());

        // Starts what can start, ends a sweep whose last outcome's queued dispatch went missing, and flushes.
        await DispatchAndSave();
    }

    private async Task Finish()
    {
        S.FinishedAt = DateTimeOffset.UtcNow;
        await Save();
        SweepTracing.End(_span, S.State, S.Reason);
        _span = null;
        StopMonitor();
        await Registry().Upsert(Entry());
    }

    private Dictionary<string, SiloAddress> ActiveSilos() => SiloPicker.Active(membership.CurrentSnapshot);

    private SweepStatus Status() => SweepStatusView.Status(SweepId, S, Ledger.Plan, Ledger);

    private TrialSummary Summary(TrialRecord record) => SweepStatusView.Summary(Ledger.Plan, record);

    private TrialCalls Calls() => new(GrainFactory, SweepId, _silos, options.Value.StartTimeout, logger);

    private SweepEntry Entry() => new(SweepId, S.Name, S.State, S.CreatedAt);

    private ISweepRegistryGrain Registry() => GrainFactory.GetGrain<ISweepRegistryGrain>(0);

    private void StartMonitor() =>
        _monitor ??= this.RegisterGrainTimer(Monitor, new GrainTimerCreationOptions(options.Value.MonitorInterval, options.Value.MonitorInterval) { KeepAlive = true });

    private void StopMonitor()
    {
        _monitor?.Dispose();
        _monitor = null;
    }
}
