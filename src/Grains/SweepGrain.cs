using System.Diagnostics;
using System.Globalization;
using HyperSweep.Contracts;
using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Liveness;
using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Telemetry;
using HyperSweep.Search;
using HyperSweep.Search.Pruning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.Placement;
using SearchTrialState = HyperSweep.Search.Pruning.TrialState;
using TrialState = HyperSweep.Contracts.TrialState;

namespace HyperSweep.Grains;

/// <summary>
/// The coordinator of one sweep. It keeps the spec, the trial table, the sampler cursor and the pruning log in
/// its persisted state (written at every change that matters, before it answers; <see cref="SweepStore"/> stores
/// it as a header plus journal segments, so a write costs the same late in a sweep as early), rebuilds the Search
/// library's <see cref="PruningSession"/> from that log when it activates, and starts trials up to the spec's
/// concurrency on silos with free training slots (placement hints, see <see cref="Dispatch"/>). A keep-alive
/// timer re-queues trials whose silo left the cluster (as a new attempt that resumes from the checkpoint) and
/// retries dispatching; it is stopped when the sweep ends.
/// </summary>
public sealed class SweepGrain(
    SweepStore state,
    ISweepPlanFactory planFactory,
    IClusterMembershipService membership,
    IOptions<SweepServiceOptions> options,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, ISweepDispatch
{
    private readonly SortedSet<int> _pending = [];
    private readonly HashSet<int> _running = [];
    private readonly Dictionary<string, int> _siloCapacity = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busySilos = new(StringComparer.Ordinal);
    // Trials the coordinator ended (pruned) whose thread may still hold its slot until it reports the outcome.
    private readonly Dictionary<int, (string Silo, DateTime Since)> _draining = [];
    private ISweepPlan? _plan;
    private PruningSession? _pruning;
    private IGrainTimer? _monitor;
    private Activity? _span;
    // Continue-verdict reports are persisted by the next monitor tick rather than one write each: the epoch is
    // already durable in its trial grain's state (persisted before it is reported), and a re-activated
    // coordinator reconciles its running trials from those states (see OnActivateAsync).
    private bool _dirty;
    // A DispatchQueued message to this grain is on its way (see QueueDispatch).
    private bool _dispatchQueued;
    private DateTime _nextProbe;

    private string SweepId => this.GetPrimaryKeyString();

    private SweepGrainState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await state.LoadAsync(this.GetGrainId());
        if (!state.RecordExists)
        {
            return;
        }

        _plan = planFactory.Create(S.SpecText, S.SourceName);
        _pruning = PruningSession.Rebuild(
            SweepId,
            Direction(_plan.Objective),
            PrunerFactory.Create(_plan.Pruner),
            S.PruningLog.Select(e => e.End is { } end ? PruningEvent.Finished(e.Trial, ToSearch(end)) : PruningEvent.Reported(e.Trial, e.Step, e.Value)));
        foreach (var trial in S.Trials)
        {
            if (trial.State == TrialState.Pending)
            {
                _pending.Add(trial.Number);
            }
            else if (trial.State == TrialState.Running)
            {
                _running.Add(trial.Number);
            }
        }

        if (!IsFinal(S.State))
        {
            if (S.TraceParent is not null)
            {
                _span = SweepTracing.Start(SweepId, S.Name, S.TraceParent);
            }

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

    /// <summary>
    /// Catches up with epochs that trials persisted and reported after this coordinator's last write (a crash
    /// between a Continue verdict and the next flush). Each trial's own history is the source of truth.
    /// </summary>
    private async Task Reconcile()
    {
        foreach (var trial in S.Trials.Where(t => !t.IsFinal && t.Attempts.Count > 0))
        {
            IReadOnlyList<EpochMetrics> history;
            try
            {
                history = await GrainFactory.GetGrain<ITrialGrain>(TrialKey.Format(SweepId, trial.Number)).GetHistory();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not read trial {Trial} of {Sweep} to reconcile it", trial.Number, SweepId);
                continue;
            }

            foreach (var metrics in history.Where(m => m.Epoch > trial.LastEpoch).OrderBy(m => m.Epoch))
            {
                if (metrics.Values.TryGetValue(_plan!.Objective.Metric, out var value))
                {
                    Record(trial, metrics.Epoch, value);
                    _pruning!.Report(trial.Number, metrics.Epoch, value);
                    _dirty = true;
                }
            }
        }

        if (_dirty)
        {
            await Save();
        }
    }

    private void Record(TrialRecord trial, int epoch, double value)
    {
        trial.LastEpoch = epoch;
        trial.LastValue = value;
        if (trial.BestValue is not { } best || _plan!.Objective.IsBetter(value, best))
        {
            trial.BestValue = value;
            trial.BestEpoch = epoch;
        }

        S.PruningLog.Add(new PruningLogEntry(trial.Number, epoch, value, null));
    }

    private async Task Save()
    {
        await state.WriteStateAsync();
        _dirty = false;
    }

    public async Task<SubmitResult> Submit(SweepSubmission submission)
    {
        if (state.RecordExists)
        {
            return S.SpecText == submission.SpecText
                ? new SubmitResult(true, [], Status())
                : new SubmitResult(false, [new SpecError(submission.SourceName, 0, 0, null, $"sweep id '{SweepId}' is already used by another sweep")], null);
        }

        ISweepPlan plan;
        try
        {
            plan = planFactory.Create(submission.SpecText, submission.SourceName);
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
        _plan = plan;
        _pruning = new PruningSession(SweepId, Direction(plan.Objective), PrunerFactory.Create(plan.Pruner));
        S.Name = string.IsNullOrWhiteSpace(submission.NameOverride) ? plan.Name : submission.NameOverride;
        S.SpecText = submission.SpecText;
        S.SourceName = submission.SourceName;
        S.CreatedAt = DateTimeOffset.UtcNow;
        S.State = SweepState.Running;
        _span = SweepTracing.Start(SweepId, S.Name, null);
        S.TraceParent = TraceContext.Format(_span);
        await Save();
        await Registry().Upsert(Entry());
        StartMonitor();
        // The first trials start in the queued dispatch, not inside this call: the client waits on Submit, and on a
        // cluster that has just formed a Start call can wait out its whole response timeout (seen as a client-side
        // TimeoutException on Submit about once in ten fresh 3-silo clusters).
        QueueDispatch();
        return new SubmitResult(true, [], Status());
    }

    public Task<SweepStatus?> GetStatus() => Task.FromResult(state.RecordExists ? Status() : null);

    public Task<IReadOnlyList<TrialSummary>> GetTrials() =>
        Task.FromResult<IReadOnlyList<TrialSummary>>(S.Trials.Select(Summary).ToList());

    public Task<IReadOnlyList<TrialSummary>> GetLeaderboard(int top) =>
        Task.FromResult<IReadOnlyList<TrialSummary>>(Ranked().Take(Math.Max(0, top)).Select(Summary).ToList());

    public async Task<TrialDetail?> GetTrial(int trial)
    {
        if (trial < 0 || trial >= S.Trials.Count)
        {
            return null;
        }

        // The learning curve is kept by the trial grain (GetHistory interleaves, so this never waits on training).
        var record = S.Trials[trial];
        var history = record.Attempts.Count == 0
            ? []
            : await GrainFactory.GetGrain<ITrialGrain>(TrialKey.Format(SweepId, trial)).GetHistory();
        return new TrialDetail(Summary(record), history.Where(e => e.Epoch <= record.LastEpoch).ToList(), record.Attempts.ToList());
    }

    public async Task<SweepStatus?> Cancel()
    {
        if (!state.RecordExists || IsFinal(S.State))
        {
            return state.RecordExists ? Status() : null;
        }

        var interrupted = _running.ToList();
        foreach (var trial in S.Trials.Where(t => !t.IsFinal))
        {
            EndTrial(trial, TrialState.Cancelled, "sweep cancelled");
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
        var interrupted = _running.ToList();
        foreach (var number in interrupted)
        {
            Requeue(S.Trials[number]);
        }

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

        if (S.State == SweepState.Running)
        {
            StartMonitor();
            await DispatchAndSave();
        }

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
        if (!state.RecordExists || report.Trial < 0 || report.Trial >= S.Trials.Count)
        {
            return Task.FromResult(new EpochVerdict(VerdictKind.Cancel, $"sweep '{SweepId}' has no trial {report.Trial}"));
        }

        var trial = S.Trials[report.Trial];
        if (trial.IsFinal)
        {
            // A duplicate of the report that ended the trial, or a report racing its end: same answer as before.
            return Task.FromResult(trial.State == TrialState.Pruned
                ? new EpochVerdict(VerdictKind.Prune, trial.Reason)
                : new EpochVerdict(VerdictKind.Cancel, trial.Reason ?? $"trial {trial.Number} is {trial.State}"));
        }

        if (report.Attempt != trial.Attempt)
        {
            return Task.FromResult(new EpochVerdict(VerdictKind.Stale, $"attempt {report.Attempt} superseded by attempt {trial.Attempt}"));
        }

        var decisionStarted = Stopwatch.GetTimestamp();
        var epoch = report.Metrics.Epoch;
        if (epoch <= trial.LastEpoch)
        {
            return Task.FromResult(EpochVerdict.Continue); // duplicate: already counted, and it did not prune the trial
        }

        var metric = _plan!.Objective.Metric;
        if (!report.Metrics.Values.TryGetValue(metric, out var value))
        {
            EndTrial(trial, TrialState.Failed, $"epoch {epoch} did not report the objective metric '{metric}'");
            QueueDispatch();
            return Task.FromResult(new EpochVerdict(VerdictKind.Cancel, trial.Reason));
        }

        Record(trial, epoch, value);
        var decision = _pruning!.Report(trial.Number, epoch, value);
        if (decision.ShouldPrune && epoch < _plan.MaxEpochs)
        {
            EndTrial(trial, TrialState.Pruned, $"pruned at epoch {epoch}: {decision.Explanation}");
            SweepTracing.Pruned(_span, trial.Number, epoch, trial.Reason);
            QueueDispatch();
            HyperSweepMetrics.DecisionDuration.Record(Stopwatch.GetElapsedTime(decisionStarted).TotalSeconds, new KeyValuePair<string, object?>(TelemetryAttributes.Decision, "prune"));
            return Task.FromResult(new EpochVerdict(VerdictKind.Prune, trial.Reason));
        }

        _dirty = true;
        HyperSweepMetrics.DecisionDuration.Record(Stopwatch.GetElapsedTime(decisionStarted).TotalSeconds, new KeyValuePair<string, object?>(TelemetryAttributes.Decision, "continue"));
        return Task.FromResult(EpochVerdict.Continue);
    }

    /// <summary>
    /// Records a trial's end and queues a dispatch; it does not wait for a write. The outcome is already durable in the
    /// trial grain (it commits its end before reporting it), and a coordinator re-activated before its next write
    /// finds the trial still running in its journal and learns the end from the liveness probe, or re-sends the start,
    /// which an ended attempt answers by reporting its outcome again.
    /// </summary>
    public Task ReportOutcome(TrialOutcome outcome)
    {
        if (!state.RecordExists || outcome.Trial < 0 || outcome.Trial >= S.Trials.Count)
        {
            return Task.CompletedTask;
        }

        var trial = S.Trials[outcome.Trial];
        _busySilos.Clear(); // a slot was just freed somewhere
        if (outcome.Attempt == trial.Attempt && _draining.Remove(outcome.Trial))
        {
            QueueDispatch();
            return Task.CompletedTask;
        }

        if (trial.IsFinal || outcome.Attempt != trial.Attempt)
        {
            return Task.CompletedTask; // duplicate, or from a superseded attempt
        }

        EndTrial(trial, outcome.State, outcome.Reason);
        QueueDispatch();
        return Task.CompletedTask;
    }

    public async Task DispatchQueued()
    {
        _dispatchQueued = false;
        if (state.RecordExists)
        {
            await DispatchAndSave();
        }
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

    /// <summary>
    /// Starts waiting trials while the sweep is under its concurrency and some silo has a free slot. The target
    /// silo is the active silo with the most free slots as far as this coordinator knows (capacities are learned
    /// from <see cref="StartResult"/>s; a silo not heard from yet is tried with one trial). It is passed as a
    /// placement hint, which Orleans' placement honours for a new activation; the trial grain then takes a slot
    /// from that silo's <see cref="Slots.TrainingSlots"/> or refuses, and a refusing silo is skipped until the
    /// next monitor tick. So slots are enforced by each silo and the coordinator spreads the load.
    /// </summary>
    /// <returns>True when it persisted the state (the write-ahead of new trials, which covers every earlier change).</returns>
    private async Task<bool> Dispatch()
    {
        if (S.State != SweepState.Running || _plan is null)
        {
            return false;
        }

        // Write-ahead: new trials enter the persisted table before any of them starts, so a coordinator that
        // crashes mid-dispatch never forgets a trial that is already training.
        var created = false;
        while (_pending.Count < _plan.Concurrency - _running.Count && S.NextTrial < _plan.PlannedTrials)
        {
            CreateTrial();
            created = true;
        }

        if (created)
        {
            await Save();
        }

        var started = false;

        var active = ActiveSilos();
        while (_running.Count < _plan.Concurrency && _pending.Count > 0)
        {
            // Choose a silo for every trial that may start now, then start them all at once: one round of calls
            // instead of one call after another. Trials chosen for a silo in this round count against its free slots.
            var inFlight = new Dictionary<string, int>(StringComparer.Ordinal);
            var batch = new List<(int Number, SiloAddress Target)>();
            foreach (var number in _pending)
            {
                if (_running.Count + batch.Count >= _plan.Concurrency || ChooseSilo(active, inFlight) is not { } target)
                {
                    break;
                }

                var name = target.ToParsableString();
                inFlight[name] = inFlight.GetValueOrDefault(name) + 1;
                batch.Add((number, target));
            }

            if (batch.Count == 0)
            {
                break;
            }

            var results = await Task.WhenAll(batch.Select(b => StartTrial(b.Number, b.Target)));
            for (var i = 0; i < batch.Count; i++)
            {
                var (number, target) = batch[i];
                var result = results[i];
                if (result is null)
                {
                    _busySilos.Add(target.ToParsableString());
                    continue;
                }

                _siloCapacity[result.Silo] = result.SlotCapacity;
                if (!result.Started)
                {
                    _busySilos.Add(result.Silo);
                    continue;
                }

                var trial = S.Trials[number];
                _pending.Remove(number);
                _running.Add(number);
                started = true;
                trial.State = TrialState.Running;
                trial.Silo = result.Silo;
                if (trial.Attempts.Count == 0)
                {
                    HyperSweepMetrics.TrialsStarted.Add(1, HyperSweepMetrics.Sweep(SweepId));
                }

                if (!trial.Attempts.Any(a => a.Attempt == trial.Attempt))
                {
                    trial.Attempts.Add(new TrialAttempt(trial.Attempt, result.Silo, result.ResumedFromEpoch));
                }
            }
        }

        _dirty |= started;
        return created;
    }

    /// <summary>Starts one trial on <paramref name="target"/> (a placement hint); null when the call failed.</summary>
    private async Task<StartResult?> StartTrial(int number, SiloAddress target)
    {
        var trial = S.Trials[number];
        var assignment = new TrialAssignment(
            SweepId, number, trial.Attempt, _plan!.TaskJson, _plan.ParametersOf(number), _plan.SeedOf(number), _plan.MaxEpochs, _plan.Objective,
            _plan.EarlyStopping?.Patience, _plan.EarlyStopping?.MinDelta ?? 0, _plan.BaseDirectory, S.TraceParent);
        // The request context flows with this async method's own execution context, so each concurrent start
        // carries its own hint.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        try
        {
            // Bounded well below Orleans' 30-s response timeout: this non-reentrant turn holds every report of the
            // sweep while it waits (status queries interleave). A start that times out is treated like a refusal; if it did start,
            // its reports carry the same attempt and a re-sent Start is answered as already started.
            return await GrainFactory.GetGrain<ITrialGrain>(TrialKey.Format(SweepId, number)).Start(assignment).WaitAsync(options.Value.StartTimeout);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Starting trial {Trial} of {Sweep} failed", number, SweepId);
            return null;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private void CreateTrial()
    {
        var number = S.NextTrial;
        S.Trials.Add(new TrialRecord { Number = number });
        S.NextTrial = number + 1;
        _pending.Add(number);
    }

    private Dictionary<string, SiloAddress> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.SiloAddress, StringComparer.Ordinal);

    private SiloAddress? ChooseSilo(Dictionary<string, SiloAddress> active, Dictionary<string, int> inFlight)
    {
        var mine = new Dictionary<string, int>(inFlight, StringComparer.Ordinal);
        foreach (var number in _running)
        {
            if (S.Trials[number].Silo is { } silo)
            {
                mine[silo] = mine.GetValueOrDefault(silo) + 1;
            }
        }

        foreach (var (silo, _) in _draining.Values)
        {
            mine[silo] = mine.GetValueOrDefault(silo) + 1;
        }

        SiloAddress? best = null;
        var bestFree = 0;
        foreach (var (name, address) in active.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (_busySilos.Contains(name))
            {
                continue;
            }

            var free = _siloCapacity.TryGetValue(name, out var capacity) ? capacity - mine.GetValueOrDefault(name) : 1;
            if (free > bestFree)
            {
                best = address;
                bestFree = free;
            }
        }

        return best;
    }

    private async Task Monitor(CancellationToken cancellationToken)
    {
        if (!state.RecordExists || IsFinal(S.State))
        {
            StopMonitor();
            return;
        }

        _busySilos.Clear();
        var active = ActiveSilos();
        foreach (var (number, (silo, since)) in _draining.ToList())
        {
            if (!active.ContainsKey(silo) || DateTime.UtcNow - since > TimeSpan.FromSeconds(30))
            {
                _draining.Remove(number);
            }
        }

        foreach (var number in _running.ToList())
        {
            var trial = S.Trials[number];
            if (trial.Silo is null || !active.ContainsKey(trial.Silo))
            {
                logger.LogInformation("Trial {Trial} of {Sweep} lost its silo {Silo}; resuming it as attempt {Attempt}", number, SweepId, trial.Silo, trial.Attempt + 1);
                Requeue(trial);
            }
        }

        if (_running.Count > 0 && DateTime.UtcNow >= _nextProbe)
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
        foreach (var (number, result) in await probe.ProbeAsync(_running.ToList()))
        {
            var trial = S.Trials[number];
            switch (TrialLivenessProbe.Judge(trial.Attempt, result))
            {
                case AttemptLiveness.EndedUnreported:
                    logger.LogInformation("Trial {Trial} of {Sweep} attempt {Attempt} ended as {State} without reporting it; recording the outcome", number, SweepId, trial.Attempt, result.State);
                    EndTrial(trial, result.State, result.Reason);
                    break;
                case AttemptLiveness.Lost:
                    logger.LogWarning("Trial {Trial} of {Sweep} attempt {Attempt} stopped training on live silo {Silo} without an outcome; resuming it as attempt {Next}", number, SweepId, trial.Attempt, trial.Silo, trial.Attempt + 1);
                    Requeue(trial);
                    break;
            }
        }
    }

    private void Requeue(TrialRecord trial)
    {
        _dirty = true;
        _running.Remove(trial.Number);
        _pending.Add(trial.Number);
        trial.State = TrialState.Pending;
        trial.Attempt++;
    }

    private void EndTrial(TrialRecord trial, TrialState final, string? reason)
    {
        _dirty = true;
        if (_running.Remove(trial.Number) && trial.Silo is { } silo && final == TrialState.Pruned)
        {
            _draining[trial.Number] = (silo, DateTime.UtcNow);
        }

        _pending.Remove(trial.Number);
        trial.State = final;
        trial.Reason = reason;
        trial.EndedAt = DateTimeOffset.UtcNow;
        SweepTracing.CountEnd(SweepId, final);
        if (!_pruning!.Study.Contains(trial.Number) || _pruning.Study.Trial(trial.Number).State == SearchTrialState.Running)
        {
            _pruning.Finish(trial.Number, ToSearch(final));
            S.PruningLog.Add(new PruningLogEntry(trial.Number, 0, double.NaN, final));
        }
    }

    private async Task DispatchAndSave()
    {
        // Which silo a trial started on may be flushed later: a coordinator that forgets it re-sends the same
        // attempt, which a running trial grain accepts as already started.
        var saved = await Dispatch();
        if (S.State == SweepState.Running && _running.Count == 0 && _pending.Count == 0 && S.NextTrial >= _plan!.PlannedTrials)
        {
            var anyResult = S.Trials.Any(t => t.State is TrialState.Completed or TrialState.Pruned);
            S.State = anyResult || S.Trials.Count == 0 ? SweepState.Completed : SweepState.Failed;
            S.Reason = anyResult || S.Trials.Count == 0 ? null : "every trial failed";
            await Finish();
            return;
        }

        if (!saved && _dirty)
        {
            await Save();
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
                await stop(GrainFactory.GetGrain<ITrialGrain>(TrialKey.Format(SweepId, number)));
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not stop trial {Trial} of {Sweep}", number, SweepId);
            }
        }
    }

    private IEnumerable<TrialRecord> Ranked()
    {
        var objective = _plan?.Objective;
        var withValue = S.Trials.Where(t => t.BestValue is not null);
        var ordered = objective is { Maximize: true }
            ? withValue.OrderBy(t => t.State == TrialState.Completed ? 0 : 1).ThenByDescending(t => t.BestValue)
            : withValue.OrderBy(t => t.State == TrialState.Completed ? 0 : 1).ThenBy(t => t.BestValue);
        return ordered.ThenBy(t => t.Number);
    }

    private SweepStatus Status()
    {
        // One pass over the table (the CLI polls this): counts, and the leader as Ranked() would order it.
        var counts = new int[Enum.GetValues<TrialState>().Length];
        TrialRecord? best = null;
        foreach (var trial in S.Trials)
        {
            counts[(int)trial.State]++;
            if (trial.BestValue is not null && (best is null || RanksBefore(trial, best)))
            {
                best = trial;
            }
        }

        return new SweepStatus(
            SweepId,
            S.Name,
            S.State,
            _plan!.Objective,
            _plan.PlannedTrials,
            IsFinal(S.State) ? 0 : _pending.Count + (_plan.PlannedTrials - S.NextTrial),
            _running.Count,
            counts[(int)TrialState.Completed],
            counts[(int)TrialState.Pruned],
            counts[(int)TrialState.Failed],
            counts[(int)TrialState.Cancelled],
            best is null ? null : Summary(best),
            S.CreatedAt,
            S.FinishedAt,
            S.Reason);
    }

    /// <summary>The order of <see cref="Ranked"/>: completed trials first, then the better best value, then the lower number.</summary>
    private bool RanksBefore(TrialRecord a, TrialRecord b)
    {
        var completedA = a.State == TrialState.Completed;
        if (completedA != (b.State == TrialState.Completed))
        {
            return completedA;
        }

        var order = a.BestValue!.Value.CompareTo(b.BestValue!.Value);
        if (_plan?.Objective is { Maximize: true })
        {
            order = -order;
        }

        return order != 0 ? order < 0 : a.Number < b.Number;
    }

    private TrialSummary Summary(TrialRecord trial) => trial.ToSummary(_plan!.ParametersOf(trial.Number));

    private SweepEntry Entry() => new(SweepId, S.Name, S.State, S.CreatedAt);

    private ISweepRegistryGrain Registry() => GrainFactory.GetGrain<ISweepRegistryGrain>(0);

    private void StartMonitor()
    {
        _monitor ??= this.RegisterGrainTimer(
            Monitor,
            new GrainTimerCreationOptions(options.Value.MonitorInterval, options.Value.MonitorInterval) { KeepAlive = true });
    }

    private void StopMonitor()
    {
        _monitor?.Dispose();
        _monitor = null;
    }

    private static bool IsFinal(SweepState s) => s is SweepState.Completed or SweepState.Cancelled or SweepState.Failed;

    private static StudyDirection Direction(Objective objective) =>
        objective.Maximize ? StudyDirection.Maximize : StudyDirection.Minimize;

    private static SearchTrialState ToSearch(TrialState s) => s switch
    {
        TrialState.Completed => SearchTrialState.Complete,
        TrialState.Pruned => SearchTrialState.Pruned,
        TrialState.Failed => SearchTrialState.Failed,
        TrialState.Cancelled => SearchTrialState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, string.Create(CultureInfo.InvariantCulture, $"{s} is not a final trial state")),
    };
}
