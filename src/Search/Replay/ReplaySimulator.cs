using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Scheduling;

namespace HyperSweep.Search.Replay;

/// <summary>
/// Replays recorded learning curves as a sweep under a pruner or a scheduler with W parallel workers in simulated
/// time: a free worker first resumes what the scheduler promotes, else starts the next curve; each epoch of a trial
/// ends EpochCost later, reports its value, and the scheduler (which sees the other running trials, as the coordinator
/// does) continues, stops or pauses it. A paused trial frees its worker and, when promoted, continues its curve where it
/// paused (its checkpoint); trials still paused when nothing is left to run end as pruned. Events at the same simulated
/// time are handled in trial-number order, so a replay is deterministic. Answers "which pruner or scheduler would have
/// saved the most on my last sweep without losing the best model".
/// </summary>
/// <remarks>
/// Steps: epoch i of a curve (0-based) is reported as step <c>firstStep + i</c>; a live sweep reports epochs from 1, so
/// replays that mirror one pass 1. PBT cannot be replayed: an exploitation changes the curve that follows it.
/// </remarks>
public static class ReplaySimulator
{
    public static ReplayResult Run(IReadOnlyList<RecordedCurve> curves, IPruner pruner, int workers, StudyDirection direction,
        string studyName = "replay", int firstStep = 0) =>
        Run(curves, new PrunerScheduler(pruner ?? throw new ArgumentNullException(nameof(pruner))), workers, direction, studyName, firstStep);

    public static ReplayResult Run(IReadOnlyList<RecordedCurve> curves, IScheduler scheduler, int workers, StudyDirection direction,
        string studyName = "replay", int firstStep = 0)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(workers), workers, "at least one worker is needed");
        }
        for (var i = 0; i < curves.Count; i++)
        {
            if (!(curves[i].EpochCost > 0))
            {
                throw new ArgumentException($"curve {i}: EpochCost must be > 0", nameof(curves));
            }
        }

        var session = new SearchSession(studyName, direction, NopSampler.Instance, scheduler);
        var events = new PriorityQueue<(int Trial, int Epoch), (double Time, int Trial)>();
        var starts = new double[curves.Count];
        var lastTime = new double[curves.Count];
        var next = new int[curves.Count];
        var promotions = new int[curves.Count];
        var outcomes = new ReplayTrialOutcome?[curves.Count];
        var nextTrial = 0;
        var busy = 0;
        var epochsConsumed = 0L;
        var makespan = 0.0;

        void Schedule(int trial, double time)
        {
            events.Enqueue((trial, next[trial]), (time + curves[trial].EpochCost, trial));
            busy++;
        }

        void End(int trial, TrialState state, double time, ScheduleDecision? decision)
        {
            session.Finish(trial, state);
            outcomes[trial] = Outcome(curves[trial], trial, state, next[trial], starts[trial], time, decision, direction, promotions[trial]);
            makespan = Math.Max(makespan, time);
        }

        bool StartNext(double time)
        {
            while (nextTrial < curves.Count)
            {
                var trial = nextTrial++;
                starts[trial] = time;
                session.Create(trial, curves[trial].Parameters);
                if (curves[trial].Values.Count > 0)
                {
                    Schedule(trial, time);
                    return true;
                }
                // A curve without epochs completes at once and frees no worker time.
                End(trial, TrialState.Completed, time, null);
            }

            return false;
        }

        void Dispatch(double time)
        {
            while (busy < workers)
            {
                if (session.NextResume() is { } plan)
                {
                    if (plan.Exploits.Count > 0)
                    {
                        throw new NotSupportedException($"{scheduler.Name} exploits other trials' checkpoints, which changes the curves that follow: recorded curves cannot replay it");
                    }

                    foreach (var trial in plan.Trials)
                    {
                        session.Resume(trial);
                        promotions[trial]++;
                        Schedule(trial, time);
                    }

                    continue;
                }

                if (!StartNext(time))
                {
                    return;
                }
            }
        }

        Dispatch(0.0);
        while (events.TryDequeue(out var done, out var at))
        {
            busy--;
            var (trial, epoch) = done;
            var curve = curves[trial];
            epochsConsumed++;
            next[trial] = epoch + 1;
            lastTime[trial] = at.Time;
            var decision = session.Report(trial, firstStep + epoch, curve.Values[epoch]);
            if (decision.ShouldPrune || epoch == curve.Values.Count - 1)
            {
                End(trial, decision.ShouldPrune ? TrialState.Pruned : TrialState.Completed, at.Time, decision);
            }
            else if (decision.ShouldPause)
            {
                session.Pause(trial, firstStep + epoch);
                outcomes[trial] = Outcome(curve, trial, TrialState.Paused, next[trial], starts[trial], at.Time, decision, direction, promotions[trial]);
            }
            else
            {
                Schedule(trial, at.Time);
                continue;
            }

            Dispatch(at.Time);
        }

        foreach (var stranded in session.Stranded())
        {
            var last = outcomes[stranded.Trial]!.Decision!;
            End(stranded.Trial, TrialState.Pruned, lastTime[stranded.Trial], last with { Action = ScheduleAction.Stop, Explanation = stranded.Reason });
        }

        var all = outcomes.Select(o => o!).ToList();
        var bestTrial = -1;
        for (var i = 0; i < all.Count; i++)
        {
            if (Better(all[i].ObservedBest, bestTrial < 0 ? double.NaN : all[bestTrial].ObservedBest, direction))
            {
                bestTrial = i;
            }
        }
        var trueBest = all.Select(o => o.FullBest).Aggregate(double.NaN, (acc, v) => Better(v, acc, direction) ? v : acc);
        var rank = bestTrial < 0 ? 0 : 1 + all.Count(o => Better(o.FullBest, all[bestTrial].FullBest, direction));
        return new ReplayResult(
            epochsConsumed,
            curves.Sum(c => (long)c.Values.Count),
            makespan,
            bestTrial,
            bestTrial < 0 ? double.NaN : all[bestTrial].ObservedBest,
            rank,
            trueBest,
            all.Count(o => o.State == TrialState.Pruned),
            all,
            promotions.Sum());
    }

    /// <summary>
    /// Replays the same curves under several pruners (each built fresh) and returns the results by name:
    /// the "which pruner would have saved the most without losing the best model" table.
    /// </summary>
    public static IReadOnlyList<(string Name, ReplayResult Result)> Compare(IReadOnlyList<RecordedCurve> curves,
        IEnumerable<(string Name, Func<IPruner> Create)> pruners, int workers, StudyDirection direction, string studyName = "replay") =>
        pruners.Select(p => (p.Name, Run(curves, p.Create(), workers, direction, studyName))).ToList();

    private static ReplayTrialOutcome Outcome(RecordedCurve curve, int trial, TrialState state, int epochsRun, double start, double end,
        ScheduleDecision? decision, StudyDirection direction, int promotions) =>
        new(trial, state, epochsRun, BestOf(curve.Values.Take(epochsRun), direction), BestOf(curve.Values, direction), start, end, decision, promotions);

    private static double BestOf(IEnumerable<double> values, StudyDirection direction) =>
        values.Aggregate(double.NaN, (acc, v) => Better(v, acc, direction) ? v : acc);

    /// <summary>Strictly better; NaN is never better, and anything is better than NaN.</summary>
    private static bool Better(double candidate, double incumbent, StudyDirection direction) =>
        !double.IsNaN(candidate) && (double.IsNaN(incumbent)
            || (direction == StudyDirection.Maximize ? candidate > incumbent : candidate < incumbent));
}
