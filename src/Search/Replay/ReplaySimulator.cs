using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Search.Replay;

/// <summary>
/// Replays recorded learning curves as a sweep under a pruner with W parallel workers in simulated time:
/// trials start in curve order whenever a worker is free; each epoch of a trial ends EpochCost later,
/// reports its value, and the pruner (which sees the other running trials, as the coordinator does) decides.
/// Events at the same simulated time are handled in trial-number order, so a replay is deterministic.
/// Answers "which pruner would have saved the most on my last sweep without losing the best model".
/// </summary>
public static class ReplaySimulator
{
    public static ReplayResult Run(IReadOnlyList<RecordedCurve> curves, IPruner pruner, int workers, StudyDirection direction,
        string studyName = "replay")
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(pruner);
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

        var session = new SearchSession(studyName, direction, NopSampler.Instance, pruner);
        var events = new PriorityQueue<(int Trial, int Epoch), (double Time, int Trial)>();
        var starts = new double[curves.Count];
        var outcomes = new ReplayTrialOutcome?[curves.Count];
        var nextTrial = 0;
        var epochsConsumed = 0L;
        var makespan = 0.0;

        void StartNext(double time)
        {
            while (nextTrial < curves.Count)
            {
                var trial = nextTrial++;
                starts[trial] = time;
                session.Create(trial, curves[trial].Parameters);
                if (curves[trial].Values.Count > 0)
                {
                    events.Enqueue((trial, 0), (time + curves[trial].EpochCost, trial));
                    return;
                }
                // A curve without epochs completes at once and frees no worker time.
                session.Finish(trial, TrialState.Completed);
                outcomes[trial] = Outcome(curves[trial], trial, TrialState.Completed, 0, time, time, null, direction);
            }
        }

        for (var w = 0; w < workers; w++)
        {
            StartNext(0.0);
        }
        while (events.TryDequeue(out var next, out var at))
        {
            var curve = curves[next.Trial];
            epochsConsumed++;
            var decision = session.Report(next.Trial, next.Epoch, curve.Values[next.Epoch]);
            var last = next.Epoch == curve.Values.Count - 1;
            if (decision.ShouldPrune || last)
            {
                var state = decision.ShouldPrune ? TrialState.Pruned : TrialState.Completed;
                session.Finish(next.Trial, state);
                outcomes[next.Trial] = Outcome(curve, next.Trial, state, next.Epoch + 1, starts[next.Trial], at.Time, decision, direction);
                makespan = Math.Max(makespan, at.Time);
                StartNext(at.Time);
            }
            else
            {
                events.Enqueue((next.Trial, next.Epoch + 1), (at.Time + curve.EpochCost, next.Trial));
            }
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
            all);
    }

    /// <summary>
    /// Replays the same curves under several pruners (each built fresh) and returns the results by name:
    /// the "which pruner would have saved the most without losing the best model" table.
    /// </summary>
    public static IReadOnlyList<(string Name, ReplayResult Result)> Compare(IReadOnlyList<RecordedCurve> curves,
        IEnumerable<(string Name, Func<IPruner> Create)> pruners, int workers, StudyDirection direction, string studyName = "replay") =>
        pruners.Select(p => (p.Name, Run(curves, p.Create(), workers, direction, studyName))).ToList();

    private static ReplayTrialOutcome Outcome(RecordedCurve curve, int trial, TrialState state, int epochsRun, double start, double end,
        PruningDecision? decision, StudyDirection direction) =>
        new(trial, state, epochsRun, BestOf(curve.Values.Take(epochsRun), direction), BestOf(curve.Values, direction), start, end, decision);

    private static double BestOf(IEnumerable<double> values, StudyDirection direction) =>
        values.Aggregate(double.NaN, (acc, v) => Better(v, acc, direction) ? v : acc);

    /// <summary>Strictly better; NaN is never better, and anything is better than NaN.</summary>
    private static bool Better(double candidate, double incumbent, StudyDirection direction) =>
        !double.IsNaN(candidate) && (double.IsNaN(incumbent)
            || (direction == StudyDirection.Maximize ? candidate > incumbent : candidate < incumbent));
}
