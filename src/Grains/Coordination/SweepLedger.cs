using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Planning;
using HyperSweep.Search;
using HyperSweep.Search.Scheduling;

namespace HyperSweep.Grains.Coordination;

/// <summary>
/// What a coordinator decides, without Orleans calls: the trial table and the Search library's session (sampler,
/// scheduler, study) kept in step, every step of the session mirrored into the state's search log for the journal. The
/// grain feeds it what arrives (reports, outcomes, lost silos, trial histories) and does the I/O it asks for (start
/// trials, adopt checkpoints, write the state). Deterministic given the same sequence of calls, so it is tested
/// directly. Pauses, promotions and PBT generations: SweepLedger.Scheduling.cs.
/// </summary>
public sealed partial class SweepLedger
{
    private readonly string _sweepId;
    private readonly SweepGrainState _state;
    private readonly SearchSession _search;

    private SweepLedger(string sweepId, SweepPlan plan, SweepGrainState state, SearchSession search)
    {
        _sweepId = sweepId;
        Plan = plan;
        _state = state;
        _search = search;
        Table = new TrialTable(state.Trials, plan.Objective);
        Keeping = new KeptModels(Table, plan.KeepBest);
    }

    /// <summary>Which ended trials keep their models.</summary>
    public KeptModels Keeping { get; }

    public SweepPlan Plan { get; }

    public TrialTable Table { get; }

    /// <summary>
    /// True when something changed since <see cref="Saved"/>. A continue verdict is persisted by the coordinator's next
    /// dispatch or monitor tick rather than one write each: the epoch is already durable in its trial grain's state,
    /// and a re-activated coordinator catches up from those states (<see cref="CatchUp"/>).
    /// </summary>
    public bool Dirty { get; private set; }

    /// <summary>A new sweep: empty table, fresh sampler and scheduler.</summary>
    public static SweepLedger Start(string sweepId, SweepPlan plan, SweepGrainState state) =>
        new(sweepId, plan, state, new SearchSession(sweepId, plan.Objective.Direction, plan.Spec.CreateSampler(), plan.Spec.CreateScheduler()));

    /// <summary>
    /// A stored sweep: the session rebuilt from the journalled search log. Sweeps journalled before proposals were
    /// persisted came from index-based samplers (grid, random), which keep no ask state: their asks are re-derived
    /// from the trial numbers and replayed first.
    /// </summary>
    public static SweepLedger Resume(string sweepId, SweepPlan plan, SweepGrainState state)
    {
        var space = plan.Spec.Parameters;
        var sampler = plan.Spec.CreateSampler();
        var scratch = new Study(sweepId, plan.Objective.Direction);
        var legacy = new List<SearchEvent>();
        foreach (var record in state.Trials.Where(r => r.Parameters is null))
        {
            var proposal = sampler.Propose(scratch, record.Number);
            record.Parameters = SearchLogEntries.Sorted(proposal);
            legacy.Add(SearchEvent.Created(record.Number, proposal));
        }

        var search = SearchSession.Rebuild(sweepId, plan.Objective.Direction, plan.Spec.CreateSampler(), plan.Spec.CreateScheduler(),
            legacy.Concat(state.SearchLog.Select(e => SearchLogEntries.ToEvent(e, space))));
        return new SweepLedger(sweepId, plan, state, search);
    }

    /// <summary>The state was written: what is dirty now is new.</summary>
    public void Saved() => Dirty = false;

    /// <summary>Nothing waits, runs or is left to create: the sweep is over.</summary>
    public bool Exhausted => Table.Running.Count == 0 && Table.Pending.Count == 0 && Table.Paused.Count == 0 && Table.Count >= Plan.PlannedTrials;

    /// <summary>How an exhausted sweep ends: completed when some trial produced a result (or it had none to run), else failed.</summary>
    public (SweepState State, string? Reason) Outcome() =>
        Table.Count == 0 || Table.Records.Any(t => t.State is TrialState.Completed or TrialState.Pruned)
            ? (SweepState.Completed, null)
            : (SweepState.Failed, "every trial failed");

    /// <summary>Ends every trial that has not ended (the sweep is cancelled); returns those that were running.</summary>
    public IReadOnlyList<int> CancelAll(string reason)
    {
        var running = Table.Running.ToList();
        foreach (var record in Table.Records.Where(r => !r.IsFinal).ToList())
        {
            End(record.Number, TrialState.Cancelled, reason);
        }

        return running;
    }

    /// <summary>Re-queues every running trial (the sweep is paused: each resumes from its checkpoint later); returns them.</summary>
    public IReadOnlyList<int> RequeueRunning()
    {
        var running = Table.Running.ToList();
        running.ForEach(Requeue);
        return running;
    }

    /// <summary>
    /// The answer to an epoch report, and the state the trial went to just now if it left training (pruned, paused by
    /// the scheduler, or failed for a report without the objective): its slot is about to be free.
    /// </summary>
    public (EpochVerdict Verdict, TrialState? Ended) Judge(EpochReport report)
    {
        if (!Table.Contains(report.Trial))
        {
            return (new EpochVerdict(VerdictKind.Cancel, $"this sweep has no trial {report.Trial}"), null);
        }

        var record = Table[report.Trial];
        if (record.IsFinal)
        {
            // A duplicate of the report that ended the trial, or a report racing its end: same answer as before.
            return (record.State == TrialState.Pruned
                ? new EpochVerdict(VerdictKind.Prune, record.Reason)
                : new EpochVerdict(VerdictKind.Cancel, record.Reason ?? $"trial {record.Number} is {record.State}"), null);
        }

        if (report.Attempt != record.Attempt)
        {
            return (new EpochVerdict(VerdictKind.Stale, $"attempt {report.Attempt} superseded by attempt {record.Attempt}"), null);
        }

        if (record.State == TrialState.Paused)
        {
            return (new EpochVerdict(VerdictKind.Pause, record.Reason), null); // a repeat of the report that paused it
        }

        var epoch = report.Metrics.Epoch;
        if (epoch <= record.LastEpoch)
        {
            return (EpochVerdict.Continue, null); // duplicate: already counted, and it did not prune the trial
        }

        var metric = Plan.Objective.Metric;
        if (!report.Metrics.Values.TryGetValue(metric, out var value))
        {
            End(record.Number, TrialState.Failed, $"epoch {epoch} did not report the objective metric '{metric}'");
            return (new EpochVerdict(VerdictKind.Cancel, record.Reason), TrialState.Failed);
        }

        var decision = Record(record.Number, epoch, value);
        if (decision.Action == ScheduleAction.Continue || epoch >= Plan.MaxEpochs)
        {
            return (EpochVerdict.Continue, null);
        }

        if (decision.ShouldPause)
        {
            Pause(record.Number, epoch, decision);
            return (new EpochVerdict(VerdictKind.Pause, record.Reason), TrialState.Paused);
        }

        End(record.Number, TrialState.Pruned, $"pruned at epoch {epoch}: {decision.Explanation}");
        return (new EpochVerdict(VerdictKind.Prune, record.Reason), TrialState.Pruned);
    }

    /// <summary>
    /// An attempt's outcome: whether it freed a slot the coordinator may use (the trial ended now, or a trial the
    /// coordinator had already ended — pruned — finally let go of its slot), and whether it ended the trial now.
    /// Duplicates and superseded attempts change nothing.
    /// </summary>
    public (bool SlotFreed, bool Ended) RecordOutcome(TrialOutcome outcome)
    {
        if (!Table.Contains(outcome.Trial))
        {
            return (false, false);
        }

        if (Table.Drained(outcome.Trial, outcome.Attempt))
        {
            return (true, false);
        }

        var record = Table[outcome.Trial];
        if (outcome.Attempt != record.Attempt || record.IsFinal)
        {
            return (false, false);
        }

        if (outcome.State == TrialState.Paused)
        {
            if (record.State != TrialState.Paused)
            {
                // A pause this coordinator never decided (its predecessor did, and crashed before writing it): a new
                // attempt re-reports the epochs from the trial's history, and the scheduler judges them again.
                Requeue(outcome.Trial);
            }

            return (true, false);
        }

        End(outcome.Trial, outcome.State, outcome.Reason);
        return (true, true);
    }

    /// <summary>Epochs a trial persisted that this ledger has not counted (a crash between a verdict and the next write).</summary>
    public void CatchUp(int number, IEnumerable<EpochMetrics> history)
    {
        var record = Table[number];
        foreach (var metrics in history.Where(m => m.Epoch > record.LastEpoch).OrderBy(m => m.Epoch))
        {
            if (metrics.Values.TryGetValue(Plan.Objective.Metric, out var value))
            {
                Record(number, metrics.Epoch, value);
            }
        }
    }

    /// <summary>Ends a trial (final state and reason, counted in the metrics); the search learns its final value.</summary>
    public void End(int number, TrialState final, string? reason)
    {
        Table.End(number, final, reason, DateTime.UtcNow);
        Telemetry.SweepTracing.CountEnd(_sweepId, final);
        Dirty = true;
        if (_search.Study.Trial(number).State == TrialState.Running)
        {
            // The value the sampler ranks a trial by is the one the leaderboard does: its best epoch (its last for a pruned one).
            var record = Table[number];
            var value = final switch { TrialState.Completed => record.BestValue, TrialState.Pruned => record.LastValue, _ => null };
            Logged(s =>
            {
                s.Finish(number, final, value);
                return 0;
            });
        }
    }

    /// <summary>Back to waiting as a new attempt, which resumes from the trial's checkpoint.</summary>
    public void Requeue(int number)
    {
        Table.Requeue(number);
        Dirty = true;
    }

    /// <summary>
    /// Brings the table in line with the cluster's active silos: re-queues running trials whose silo left (returned),
    /// and forgets ended trials still counted on a slot of a silo that left or that drained for too long.
    /// </summary>
    public IReadOnlyList<int> RequeueLost(IReadOnlySet<string> activeSilos)
    {
        Table.ExpireDraining(activeSilos, DateTime.UtcNow, TimeSpan.FromSeconds(30));
        var lost = Table.Running.Where(n => Table[n].Silo is not { } silo || !activeSilos.Contains(silo)).ToList();
        lost.ForEach(Requeue);
        return lost;
    }

    /// <summary>A start the silo accepted.</summary>
    public void Started(int number, string silo, int resumedFromEpoch, int resumedFromBatch = 0)
    {
        Table.Started(number, silo, resumedFromEpoch, resumedFromBatch);
        Dirty = true;
    }

    /// <summary>
    /// A running attempt gave itself back without ending its trial (its silo is leaving, or the watchdog abandoned it):
    /// the trial waits again as a new attempt, which resumes from its checkpoint. True when that happened; a hand-back
    /// from an attempt that is not the running one (a repeat, or one already re-queued by the monitor) changes nothing.
    /// </summary>
    public bool HandBack(TrialHandBack handBack)
    {
        var running = Table.IsRunningAttempt(handBack.Trial, handBack.Attempt);
        if (running)
        {
            Requeue(handBack.Trial);
        }

        return running;
    }

    private ScheduleDecision Record(int number, int epoch, double value)
    {
        Table.RecordEpoch(number, epoch, value);
        var decision = Logged(s => s.Report(number, epoch, value));
        NoteRung(Table[number], decision);
        return decision;
    }

    /// <summary>Runs one step of the search session and mirrors what it logged into the state's search log.</summary>
    private T Logged<T>(Func<SearchSession, T> step)
    {
        var logged = _search.Log.Count;
        var result = step(_search);
        for (var i = logged; i < _search.Log.Count; i++)
        {
            _state.SearchLog.Add(SearchLogEntries.ToEntry(_search.Log[i]));
        }

        Dirty = true;
        return result;
    }
}
