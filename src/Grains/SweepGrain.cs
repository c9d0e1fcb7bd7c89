using System.Collections.Immutable;
using System.Diagnostics;
using HyperSweep.Contracts;
using HyperSweep.Grains.Coordination;
using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Liveness;
using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Telemetry;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.Placement;
using SearchTrialState = HyperSweep.Search.Pruning.TrialState;
using TrialState = HyperSweep.Contracts.TrialState;

namespace HyperSweep.Grains;

/// <summary>
/// The coordinator of one sweep: Orleans glue around pure parts — the <see cref="SweepPlan"/> (what to run), the
/// <see cref="TrialTable"/> (rows, queues, the one ranking), the Search library's pruning session (when to stop), the
/// <see cref="SiloPicker"/> (where to start) and the <see cref="SweepStore"/> journal (written at every change that
/// matters, before it answers). It creates trials up to the spec's concurrency, starts them on silos with free
/// training slots (placement hints), answers each epoch report with continue or prune, and a keep-alive monitor
/// re-queues trials whose silo left the cluster (a new attempt resumes from the checkpoint) and retries dispatching.
/// </summary>
public sealed class SweepGrain(
    SweepStore state,
    SweepPlanner planner,
    IClusterMembershipService membership,
    IOptions<SweepServiceOptions> options,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, ISweepDispatch
{
    private readonly SiloPicker _silos = new();
    private SweepPlan? _plan;
    private TrialTable? _table;
    private ISampler? _sampler;
    private PruningSession? _pruning;
    private IGrainTimer? _monitor;
    private Activity? _span;
    // Continue-verdict reports are persisted by the next monitor tick rather than one write each: the epoch is already
    // durable in its trial grain's state, and a re-activated coordinator reconciles running trials from those states.
    private bool _dirty;
    private bool _dispatchQueued; // a DispatchQueued message to this grain is on its way (see QueueDispatch)
    private DateTime _nextProbe;

    private string SweepId => this.GetPrimaryKeyString();

    private SweepGrainState S => state.State;

    private SweepPlan Plan => _plan!;

    private TrialTable Table => _table!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await state.LoadAsync(this.GetGrainId());
        if (!state.RecordExists)
        {
            return;
        }

        Load(planner.Plan(S.SpecText, S.SourceName, S.BaseDirectory ?? Directory.GetCurrentDirectory(), checkData: false));
        _pruning = PruningSession.Rebuild(SweepId, Plan.Objective.Direction, PrunerFactory.Create(Plan.Pruner),
            S.PruningLog.Select(e => e.End is { } end ? PruningEvent.Finished(e.Trial, ToSearch(end)) : PruningEvent.Reported(e.Trial, e.Step, e.Value)));
        foreach (var record in S.Trials.Where(r => r.Parameters is null))
        {
            record.Parameters = Parameters(_sampler!.ParametersFor(record.Number)); // sweeps stored before proposals were
        }

        if (!IsFinal(S.State))
        {
            _span = S.TraceParent is null ? null : SweepTracing.Start(SweepId, S.Name, S.TraceParent);
            await Reconcile();
            StartMonitor();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty && state.RecordExists)
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

        SweepPlan plan;
        try
        {
            plan = planner.Plan(submission.SpecText, submission.SourceName, submission.BaseDirectory ?? Directory.GetCurrentDirectory(), checkData: true);
            _ = PrunerFactory.Create(plan.Pruner);
        }
        catch (SweepSpecException exception)
        {
            return new SubmitResult(false, exception.Errors, null);
        }
        catch (ArgumentException exception)
        {
            return new SubmitResult(false, [new SpecError(submission.SourceName, 0, 0, exception.ParamName, exception.Message)], null);
        }

        // Nothing is written before the spec is known to be valid: a rejected spec leaves no state behind.
        Load(plan);
        _pruning = new PruningSession(SweepId, plan.Objective.Direction, PrunerFactory.Create(plan.Pruner));
        S.Name = string.IsNullOrWhiteSpace(submission.NameOverride) ? plan.Name : submission.NameOverride;
        S.SpecText = submission.SpecText;
        S.SourceName = submission.SourceName;
        S.BaseDirectory = plan.BaseDirectory;
        S.CreatedAt = DateTimeOffset.UtcNow;
        S.State = SweepState.Running;
        _span = SweepTracing.Start(SweepId, S.Name, null);
        S.TraceParent = TraceContext.Format(_span);
        await Save();
        await Registry().Upsert(Entry());
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
        var history = record.Attempts.Count == 0 ? [] : await TrialGrain(trial).GetHistory();
        return new TrialDetail(Summary(record), [.. history.Where(e => e.Epoch <= record.LastEpoch)], [.. record.Attempts]);
    }

    public async Task<SweepStatus?> Cancel()
    {
        if (!state.RecordExists || IsFinal(S.State))
        {
            return state.RecordExists ? Status() : null;
        }

        var interrupted = Table.Running.ToList();
        foreach (var record in Table.Records.Where(r => !r.IsFinal))
        {
            EndTrial(record.Number, TrialState.Cancelled, "sweep cancelled");
        }

        S.State = SweepState.Cancelled;
        S.Reason = "cancelled by the user";
        await Finish();
        await StopTrials(interrupted, t => t.Stop("sweep cancelled"));
        return Status();
    }

    public async Task<SweepStatus?> Pause()
    {
        if (!state.RecordExists || S.State != SweepState.Running)
        {
            return state.RecordExists ? Status() : null;
        }

        // Running trials are interrupted and queued again as new attempts: they resume from their checkpoints.
        var interrupted = Table.Running.ToList();
        interrupted.ForEach(Table.Requeue);
        S.State = SweepState.Paused;
        await Save();
        await Registry().Upsert(Entry());
        await StopTrials(interrupted, t => t.Suspend());
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

    public Task<EpochVerdict> ReportEpoch(EpochReport report) => Task.FromResult(Judge(report));

    private EpochVerdict Judge(EpochReport report)
    {
        if (!state.RecordExists || !Table.Contains(report.Trial))
        {
            return new EpochVerdict(VerdictKind.Cancel, $"sweep '{SweepId}' has no trial {report.Trial}");
        }

        var record = Table[report.Trial];
        if (record.IsFinal)
        {
            // A duplicate of the report that ended the trial, or a report racing its end: same answer as before.
            return record.State == TrialState.Pruned
                ? new EpochVerdict(VerdictKind.Prune, record.Reason)
                : new EpochVerdict(VerdictKind.Cancel, record.Reason ?? $"trial {record.Number} is {record.State}");
        }

        if (report.Attempt != record.Attempt)
        {
            return new EpochVerdict(VerdictKind.Stale, $"attempt {report.Attempt} superseded by attempt {record.Attempt}");
        }

        var epoch = report.Metrics.Epoch;
        if (epoch <= record.LastEpoch)
        {
            return EpochVerdict.Continue; // duplicate: already counted, and it did not prune the trial
        }

        var started = Stopwatch.GetTimestamp();
        var metric = Plan.Objective.Metric;
        if (!report.Metrics.Values.TryGetValue(metric, out var value))
        {
            EndTrial(record.Number, TrialState.Failed, $"epoch {epoch} did not report the objective metric '{metric}'");
            QueueDispatch();
            return new EpochVerdict(VerdictKind.Cancel, record.Reason);
        }

        RecordEpoch(record.Number, epoch, value);
        var decision = _pruning!.Report(record.Number, epoch, value);
        var prune = decision.ShouldPrune && epoch < Plan.MaxEpochs;
        if (prune)
        {
            EndTrial(record.Number, TrialState.Pruned, $"pruned at epoch {epoch}: {decision.Explanation}");
            SweepTracing.Pruned(_span, record.Number, epoch, record.Reason);
            QueueDispatch();
        }

        HyperSweepMetrics.RecordDecision(started, prune);
        return prune ? new EpochVerdict(VerdictKind.Prune, record.Reason) : EpochVerdict.Continue;
    }

    /// <summary>
    /// Records a trial's end and queues a dispatch; it does not wait for a write. The outcome is already durable in the
    /// trial grain (it commits its end before reporting it), and a coordinator re-activated before its next write
    /// finds the trial still running in its journal and learns the end from the liveness probe, or re-sends the start,
    /// which an ended attempt answers by reporting its outcome again.
    /// </summary>
    public Task ReportOutcome(TrialOutcome outcome)
    {
        if (!state.RecordExists || !Table.Contains(outcome.Trial))
        {
            return Task.CompletedTask;
        }

        var record = Table[outcome.Trial];
        _silos.ForgetRefusals(); // a slot was just freed somewhere
        if (outcome.Attempt == record.Attempt && Table.Drained(outcome.Trial))
        {
            QueueDispatch();
        }
        else if (!record.IsFinal && outcome.Attempt == record.Attempt)
        {
            EndTrial(record.Number, outcome.State, outcome.Reason);
            QueueDispatch();
        }

        return Task.CompletedTask; // otherwise a duplicate, or from a superseded attempt
    }

    public async Task DispatchQueued()
    {
        _dispatchQueued = false;
        if (state.RecordExists)
        {
            await DispatchAndSave();
        }
    }

    private void Load(SweepPlan plan)
    {
        _plan = plan;
        _table = new TrialTable(S.Trials, plan.Objective);
        _sampler = plan.Spec.CreateSampler();
    }

    /// <summary>
    /// Catches up with epochs that trials persisted and reported after this coordinator's last write (a crash
    /// between a Continue verdict and the next flush). Each trial's own history is the source of truth.
    /// </summary>
    private async Task Reconcile()
    {
        foreach (var record in Table.Records.Where(t => !t.IsFinal && t.Attempts.Count > 0))
        {
            IReadOnlyList<EpochMetrics> history;
            try
            {
                history = await TrialGrain(record.Number).GetHistory();
            }
            catch (Exception exception)
            {
                logger.LogWarning("Could not read trial {Trial} of {Sweep} to reconcile it: {Error}", record.Number, SweepId, exception.Message);
                continue;
            }

            foreach (var metrics in history.Where(m => m.Epoch > record.LastEpoch).OrderBy(m => m.Epoch))
            {
                if (metrics.Values.TryGetValue(Plan.Objective.Metric, out var value))
                {
                    RecordEpoch(record.Number, metrics.Epoch, value);
                    _pruning!.Report(record.Number, metrics.Epoch, value);
                }
            }
        }

        if (_dirty)
        {
            await Save();
        }
    }

    private void RecordEpoch(int number, int epoch, double value)
    {
        Table.RecordEpoch(number, epoch, value);
        S.PruningLog.Add(new PruningLogEntry(number, epoch, value, null));
        _dirty = true;
    }

    private void EndTrial(int number, TrialState final, string? reason)
    {
        _dirty = true;
        Table.End(number, final, reason, DateTime.UtcNow);
        SweepTracing.CountEnd(SweepId, final);
        if (!_pruning!.Study.Contains(number) || _pruning.Study.Trial(number).State == SearchTrialState.Running)
        {
            _pruning.Finish(number, ToSearch(final));
            S.PruningLog.Add(new PruningLogEntry(number, 0, double.NaN, final));
        }
    }

    private async Task Save()
    {
        await state.WriteStateAsync();
        _dirty = false;
    }

    /// <summary>
    /// Sends this grain one <see cref="ISweepDispatch.DispatchQueued"/> unless one is already on its way. The monitor
    /// tick dispatches too, so a lost message only delays the next start by one tick.
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
        if (S.State != SweepState.Running)
        {
            if (_dirty)
            {
                await Save();
            }

            return;
        }

        // Write-ahead: new trials (with their proposed parameters) enter the persisted table before any of them starts,
        // so a coordinator that crashes mid-dispatch never forgets a trial that is already training.
        var created = false;
        while (Table.Pending.Count < Plan.Concurrency - Table.Running.Count && Table.Count < Plan.PlannedTrials)
        {
            Table.Add(Parameters(_sampler!.ParametersFor(Table.Count)));
            created = true;
        }

        if (created || _dirty)
        {
            await Save();
        }

        await StartPending();
        if (Table.Running.Count == 0 && Table.Pending.Count == 0 && Table.Count >= Plan.PlannedTrials)
        {
            var anyResult = Table.Records.Any(t => t.State is TrialState.Completed or TrialState.Pruned);
            S.State = anyResult || Table.Count == 0 ? SweepState.Completed : SweepState.Failed;
            S.Reason = anyResult || Table.Count == 0 ? null : "every trial failed";
            await Finish();
        }
    }

    /// <summary>
    /// Starts waiting trials while the sweep is under its concurrency and some silo seems to have a free slot: a batch
    /// of starts at once (one round of calls), each with its silo as a placement hint, which Orleans honours for a new
    /// activation; the trial grain then takes a slot on that silo or refuses, and a refusing silo is skipped for now.
    /// Which silo a trial started on is flushed later: a coordinator that forgets it re-sends the same attempt, which a
    /// running trial grain accepts as already started.
    /// </summary>
    private async Task StartPending()
    {
        var active = ActiveSilos();
        while (Table.Running.Count < Plan.Concurrency && Table.Pending.Count > 0)
        {
            var targets = _silos.Choose(Math.Min(Plan.Concurrency - Table.Running.Count, Table.Pending.Count), active.Keys, Table.LoadBySilo());
            if (targets.Count == 0)
            {
                return;
            }

            var batch = Table.Pending.Take(targets.Count).Zip(targets).ToList();
            var results = await Task.WhenAll(batch.Select(b => StartTrial(b.First, active[b.Second])));
            foreach (var ((number, silo), result) in batch.Zip(results))
            {
                if (result is null || !result.Started)
                {
                    _silos.Refused(result?.Silo ?? silo);
                }

                if (result is not null)
                {
                    _silos.LearnCapacity(result.Silo, result.SlotCapacity);
                }

                if (result is { Started: true })
                {
                    if (Table[number].Attempts.Count == 0)
                    {
                        HyperSweepMetrics.TrialsStarted.Add(1, HyperSweepMetrics.Sweep(SweepId));
                    }

                    Table.Started(number, result.Silo, result.ResumedFromEpoch);
                    _dirty = true;
                }
            }
        }
    }

    /// <summary>Starts one trial on <paramref name="target"/> (a placement hint); null when the call failed.</summary>
    private async Task<StartResult?> StartTrial(int number, SiloAddress target)
    {
        var record = Table[number];
        var assignment = new TrialAssignment(
            SweepId, number, record.Attempt, Plan.Task, Plan.HyperParametersOf(record.Parameters), Plan.TrainingSeed, Plan.MaxEpochs, Plan.Objective,
            Plan.Spec.Budget.EarlyStopping?.Patience, Plan.Spec.Budget.EarlyStopping?.MinDelta ?? 0, Plan.BaseDirectory, S.TraceParent);
        // The request context flows with this async method's own execution context, so each concurrent start carries its own hint.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        try
        {
            // Bounded well below Orleans' 30-s response timeout: this non-reentrant turn holds every report of the sweep
            // while it waits. A start that times out is treated like a refusal; if it did start, its reports carry the
            // same attempt and a re-sent Start is answered as already started.
            return await TrialGrain(number).Start(assignment).WaitAsync(options.Value.StartTimeout);
        }
        catch (Exception exception)
        {
            logger.LogWarning("Starting trial {Trial} of {Sweep} failed: {Error}", number, SweepId, exception.Message);
            return null;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private async Task Monitor(CancellationToken cancellationToken)
    {
        if (!state.RecordExists || IsFinal(S.State))
        {
            StopMonitor();
            return;
        }

        _silos.ForgetRefusals();
        var active = ActiveSilos();
        Table.ExpireDraining(active.Keys.ToHashSet(StringComparer.Ordinal), DateTime.UtcNow, TimeSpan.FromSeconds(30));
        foreach (var number in Table.Running.ToList())
        {
            var record = Table[number];
            if (record.Silo is null || !active.ContainsKey(record.Silo))
            {
                logger.LogInformation("Trial {Trial} of {Sweep} lost its silo {Silo}; resuming it as attempt {Attempt}", number, SweepId, record.Silo, record.Attempt + 1);
                Table.Requeue(number);
                _dirty = true;
            }
        }

        if (Table.Running.Count > 0 && DateTime.UtcNow >= _nextProbe)
        {
            _nextProbe = DateTime.UtcNow + options.Value.ProbeInterval;
            await CheckRunningAttempts();
        }

        // Starts what can start, ends a sweep whose last outcome's queued dispatch went missing, and flushes.
        await DispatchAndSave();
    }

    /// <summary>Ends or re-queues running trials whose attempts stopped without an outcome reaching this coordinator.</summary>
    private async Task CheckRunningAttempts()
    {
        var probe = new TrialLivenessProbe(GrainFactory, SweepId, options.Value.ProbeTimeout, logger);
        // The monitor's timer turn does not interleave, so no trial changes state while the probes are awaited.
        foreach (var (number, result) in await probe.ProbeAsync(Table.Running.ToList()))
        {
            var record = Table[number];
            switch (TrialLivenessProbe.Judge(record.Attempt, result))
            {
                case AttemptLiveness.EndedUnreported:
                    logger.LogInformation("Trial {Trial} of {Sweep} attempt {Attempt} ended as {State} without reporting it; recording the outcome", number, SweepId, record.Attempt, result.State);
                    EndTrial(number, result.State, result.Reason);
                    break;
                case AttemptLiveness.Lost:
                    logger.LogWarning("Trial {Trial} of {Sweep} attempt {Attempt} stopped training on live silo {Silo} without an outcome; resuming it as attempt {Next}", number, SweepId, record.Attempt, record.Silo, record.Attempt + 1);
                    Table.Requeue(number);
                    _dirty = true;
                    break;
            }
        }
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

    private async Task StopTrials(IEnumerable<int> numbers, Func<ITrialGrain, Task> stop)
    {
        foreach (var number in numbers)
        {
            try
            {
                await stop(TrialGrain(number));
            }
            catch (Exception exception)
            {
                logger.LogWarning("Could not stop trial {Trial} of {Sweep}: {Error}", number, SweepId, exception.Message);
            }
        }
    }

    private Dictionary<string, SiloAddress> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.SiloAddress, StringComparer.Ordinal);

    private SweepStatus Status() => SweepStatusView.Status(SweepId, S, Plan, Table);

    private TrialSummary Summary(TrialRecord record) => SweepStatusView.Summary(Plan, record);

    private ITrialGrain TrialGrain(int number) => GrainFactory.GetGrain<ITrialGrain>(TrialKey.Format(SweepId, number));

    private SweepEntry Entry() => new(SweepId, S.Name, S.State, S.CreatedAt);

    private ISweepRegistryGrain Registry() => GrainFactory.GetGrain<ISweepRegistryGrain>(0);

    private void StartMonitor() =>
        _monitor ??= this.RegisterGrainTimer(Monitor, new GrainTimerCreationOptions(options.Value.MonitorInterval, options.Value.MonitorInterval) { KeepAlive = true });

    private void StopMonitor()
    {
        _monitor?.Dispose();
        _monitor = null;
    }

    private static ImmutableSortedDictionary<string, object> Parameters(TrialParameters proposal) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, proposal);

    private static bool IsFinal(SweepState s) => s is SweepState.Completed or SweepState.Cancelled or SweepState.Failed;

    private static SearchTrialState ToSearch(TrialState s) => s switch
    {
        TrialState.Completed => SearchTrialState.Complete,
        TrialState.Pruned => SearchTrialState.Pruned,
        TrialState.Failed => SearchTrialState.Failed,
        _ => SearchTrialState.Cancelled,
    };
}
