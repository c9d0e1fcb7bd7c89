using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Scheduling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests.Replay;

public sealed class ReplaySimulatorTests
{
    private static RecordedCurve Curve(int id, params double[] values) =>
        new(new TrialParameters([new("hidden_size", (long)id)]), values);

    [Fact]
    public void WithoutPruningEveryEpochRunsAndTheTrueBestIsFound()
    {
        var curves = Enumerable.Range(0, 10).Select(i => Curve(i, 3 - 0.1 * i, 2 - 0.1 * i, 1 + 0.05 * ((i * 7) % 10))).ToList();

        var result = ReplaySimulator.Run(curves, new NopPruner(), workers: 3, StudyDirection.Minimize);

        Assert.Equal(30, result.EpochsConsumed);
        Assert.Equal(30, result.EpochsWithoutPruning);
        Assert.Equal(0, result.PrunedTrials);
        Assert.Equal(1, result.BestTrialRank);
        Assert.Equal(result.TrueBestValue, result.BestValueFound);
        Assert.Equal(12.0, result.Makespan);   // ceil(10 / 3) waves x 3 epochs
        Assert.Equal(0.0, result.EpochSavings);
    }

    [Fact]
    public void APrunedLateBloomerLowersTheRankOfWhatWasFound()
    {
        // Trial 1 starts worst but ends best; a threshold at 2.0 kills it at epoch 0.
        var curves = new List<RecordedCurve>
        {
            Curve(0, 1.5, 1.0, 0.8),
            Curve(1, 2.5, 0.5, 0.1),
            Curve(2, 1.8, 1.2, 0.9),
        };

        var result = ReplaySimulator.Run(curves, new ThresholdPruner(upper: 2.0), workers: 1, StudyDirection.Minimize);

        Assert.Equal(7, result.EpochsConsumed);
        Assert.Equal(1, result.PrunedTrials);
        Assert.Equal(TrialState.Pruned, result.Trials[1].State);
        Assert.Equal(1, result.Trials[1].EpochsRun);
        Assert.Equal(0, result.BestTrial);
        Assert.Equal(0.8, result.BestValueFound);
        Assert.Equal(0.1, result.TrueBestValue);
        Assert.Equal(2, result.BestTrialRank);
        Assert.Equal("above-upper", result.Trials[1].Decision!.Rule);
    }

    [Fact]
    public void OneWorkerMatchesASequentialPruningSession()
    {
        var random = new Random(5);
        var curves = Enumerable.Range(0, 25).Select(i =>
        {
            var final = random.NextDouble();
            return Curve(i, Enumerable.Range(0, 8).Select(e => final + 2 * Math.Exp(-e / 3.0) + 0.05 * random.NextDouble()).ToArray());
        }).ToList();

        var result = ReplaySimulator.Run(curves, new MedianPruner(nStartupTrials: 3), workers: 1, StudyDirection.Minimize);

        // The same sweep written as the plain sequential loop Optuna runs.
        var session = new SearchSession("replay", StudyDirection.Minimize, NopSampler.Instance, new MedianPruner(nStartupTrials: 3));
        var epochs = 0L;
        for (var trial = 0; trial < curves.Count; trial++)
        {
            var pruned = false;
            var run = 0;
            for (var e = 0; e < curves[trial].Values.Count && !pruned; e++)
            {
                epochs++;
                run++;
                pruned = session.Report(trial, e, curves[trial].Values[e]).ShouldPrune;
            }
            session.Finish(trial, pruned ? TrialState.Pruned : TrialState.Completed);
            Assert.Equal(run, result.Trials[trial].EpochsRun);
            Assert.Equal(pruned ? TrialState.Pruned : TrialState.Completed, result.Trials[trial].State);
        }
        Assert.Equal(epochs, result.EpochsConsumed);
        Assert.True(result.EpochsConsumed < result.EpochsWithoutPruning);
    }

    [Fact]
    public void ParallelReplayIsDeterministicAndUsesSimulatedTime()
    {
        var random = new Random(9);
        var curves = Enumerable.Range(0, 40).Select(i =>
            new RecordedCurve(new TrialParameters([new("lr", (double)i)]),
                Enumerable.Range(0, 9).Select(e => random.NextDouble() + 1.0 / (e + 1)).ToArray(),
                EpochCost: 1 + i % 3)).ToList();

        var first = ReplaySimulator.Run(curves, new HyperbandPruner(1, 9), workers: 4, StudyDirection.Minimize);
        var second = ReplaySimulator.Run(curves, new HyperbandPruner(1, 9), workers: 4, StudyDirection.Minimize);

        Assert.Equal(first.Trials.Select(t => (t.EpochsRun, t.State, t.End)), second.Trials.Select(t => (t.EpochsRun, t.State, t.End)));
        Assert.All(first.Trials, t => Assert.Equal(t.Start + t.EpochsRun * curves[t.Trial].EpochCost, t.End));
        Assert.Equal(first.Trials.Max(t => t.End), first.Makespan);
        // Never more than 4 trials at once.
        foreach (var t in first.Trials)
        {
            var overlapping = first.Trials.Count(o => o.Start <= t.Start && o.End > t.Start);
            Assert.InRange(overlapping, 1, 4);
        }
    }

    [Fact]
    public void CompareRunsEveryPrunerOnTheSameCurves()
    {
        var curves = Enumerable.Range(0, 12).Select(i => Curve(i, 2.0 + i, 1.0 + i, 0.5 + i)).ToList();

        var table = ReplaySimulator.Compare(curves,
            [("nop", () => new NopPruner()), ("median", () => new MedianPruner(nStartupTrials: 2))], workers: 1, StudyDirection.Minimize);

        Assert.Equal(["nop", "median"], table.Select(r => r.Name));
        Assert.Equal(36, table[0].Result.EpochsConsumed);
        // Every later curve is worse than the first two at every epoch, so the median pruner stops each at epoch 0.
        Assert.Equal(2 * 3 + 10 * 1, table[1].Result.EpochsConsumed);
        Assert.Equal(1, table[1].Result.BestTrialRank);
    }

    [Fact]
    public void RejectsZeroWorkers()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplaySimulator.Run([Curve(0, 1.0)], new NopPruner(), 0, StudyDirection.Minimize));
    }

    [Fact]
    public void AshaWithPromotionsResumesPausedTrialsWhereTheyStoppedAndPrunesTheStrandedOnes()
    {
        // Rungs at epochs 1 and 2 (η 2, max 4); one worker, so the order is fully determined (worked through by hand).
        var curves = new List<RecordedCurve>
        {
            Curve(0, 0.5, 0.45, 0.4, 0.35),
            Curve(1, 0.9, 0.1, 0.1, 0.1),
            Curve(2, 0.7, 0.6, 0.6, 0.6),
            Curve(3, 0.8, 0.8, 0.8, 0.8),
        };

        var result = ReplaySimulator.Run(curves, AshaScheduler.Asha(1, 2, 4), workers: 1, StudyDirection.Minimize, firstStep: 1);

        Assert.Equal([4, 1, 2, 1], result.Trials.Select(t => t.EpochsRun));
        Assert.Equal([2, 0, 1, 0], result.Trials.Select(t => t.Promotions));
        Assert.Equal([TrialState.Completed, TrialState.Pruned, TrialState.Pruned, TrialState.Pruned], result.Trials.Select(t => t.State));
        Assert.StartsWith("not promoted from rung 1: value 0.6 ranks 2 of 2", result.Trials[2].Decision!.Explanation);
        Assert.Equal(8, result.EpochsConsumed);
        Assert.Equal(3, result.Promotions);
        Assert.Equal((0, 0.35, 2), (result.BestTrial, result.BestValueFound, result.BestTrialRank));
        Assert.Equal(8.0, result.Makespan); // one worker, one time unit per epoch, never idle
    }

    [Fact]
    public void PbtCannotBeReplayedOnRecordedCurves()
    {
        var space = new SearchSpace([new SearchParameter("lr", new FloatDomain(0.001, 0.1))]);
        var pbt = new PbtScheduler(space, 2, 1, 3, [new PbtPerturbation("lr", [0.8, 1.2])]);
        var curves = new List<RecordedCurve>
        {
            new(new TrialParameters([new("lr", 0.01)]), [1.0, 0.5, 0.4]),
            new(new TrialParameters([new("lr", 0.02)]), [2.0, 1.5, 1.4]),
        };

        var error = Assert.Throws<NotSupportedException>(() => ReplaySimulator.Run(curves, pbt, 2, StudyDirection.Minimize, firstStep: 1));
        Assert.Contains("cannot replay", error.Message);
    }
}
