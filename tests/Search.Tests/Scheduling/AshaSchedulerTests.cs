using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Scheduling;

namespace HyperSweep.Search.Tests.Scheduling;

/// <summary>ASHA with promotions (Li et al. 2020) step by step: pauses, promotions in place and from a pause, strandings, rebuilds.</summary>
public sealed class AshaSchedulerTests
{
    // min_resource 1, η 2, max_resource 4: rungs at steps 1 and 2; a trial promoted past rung 1 trains to step 4.
    private static SearchSession Session() =>
        new("asha", StudyDirection.Minimize, NopSampler.Instance, AshaScheduler.Asha(minResource: 1, reductionFactor: 2, maxResource: 4));

    [Fact]
    public void RungsSitAtMinResourceTimesEtaPowersBelowMaxResource()
    {
        Assert.Equal([1, 3, 9], AshaScheduler.Asha(1, 3, 27).RungSteps());
        Assert.Equal([3, 9], AshaScheduler.Asha(1, 3, 27, minEarlyStoppingRate: 1).RungSteps());
        Assert.Equal([2, 8], AshaScheduler.Asha(2, 4, 10).RungSteps());
        Assert.Empty(AshaScheduler.Asha(5, 2, 5).RungSteps());
    }

    [Fact]
    public void ATrialPausesAtARungUntilItIsInTheTopOneOverEta()
    {
        var session = Session();
        var first = session.Report(0, 1, 0.5);
        Assert.Equal(ScheduleAction.Pause, first.Action);
        Assert.Equal(0, first.Rung);
        Assert.Contains("ranks 1 of 1 at rung 0", first.Explanation);
        session.Pause(0, 1);
        Assert.Null(session.NextResume()); // ⌊1/2⌋ = 0: nothing is promoted from a rung with one record

        var second = session.Report(1, 1, 0.9);
        Assert.Equal(ScheduleAction.Pause, second.Action);
        Assert.Contains("the free slot goes to trial 0", second.Explanation);
        session.Pause(1, 1);

        var plan = session.NextResume()!;
        Assert.Equal([0], plan.Trials);
        Assert.Empty(plan.Exploits);
        Assert.StartsWith("promoted from rung 0 (step 1) with 0.5", plan.Reason);
        session.Resume(0);
        Assert.Null(session.NextResume()); // trial 1 (0.9) is not in the top 1 of 2
    }

    [Fact]
    public void TheTrialThatWouldGetTheFreedSlotContinuesWithoutPausing()
    {
        var session = Session();
        session.Report(0, 1, 0.5);
        session.Pause(0, 1);
        session.Report(1, 1, 0.9);
        session.Pause(1, 1);
        session.Resume(0);
        Assert.Equal(ScheduleAction.Pause, session.Report(0, 2, 0.4).Action); // alone at rung 1
        session.Pause(0, 2);

        var third = session.Report(2, 1, 0.3);   // rung 0 now [0.3, 0.5, 0.9]: top 1 is 0.3, this trial
        Assert.Equal(ScheduleAction.Continue, third.Action);
        Assert.True(third.Promoted);
        Assert.Equal("promoted", third.Rule);
        var atRungOne = session.Report(2, 2, 0.2); // rung 1 now [0.2, 0.4]: it beats paused trial 0
        Assert.True(atRungOne.Promoted);
        Assert.Equal("last-rung", session.Report(2, 3, 0.15).Rule);
        Assert.False(session.Report(2, 4, 0.1).ShouldPause);
        session.Finish(2, TrialState.Completed, 0.1);

        Assert.Null(session.NextResume());
        var stranded = session.Stranded();
        Assert.Equal([0, 1], stranded.Select(s => s.Trial));
        Assert.StartsWith("not promoted from rung 1: value 0.4 ranks 2 of 2", stranded[0].Reason);
        Assert.StartsWith("not promoted from rung 0: value 0.9 ranks 3 of 3", stranded[1].Reason);

        var snapshot = session.Scheduler.Describe(session.Study);
        Assert.Equal("ASHA", snapshot.Name);
        Assert.Equal(3, snapshot.Promotions);
        Assert.Equal([new RungSnapshot(0, 0, 1, 3, 2, 1), new RungSnapshot(0, 1, 2, 2, 1, 1)], snapshot.Rungs);
    }

    [Fact]
    public void TheHighestRungIsPromotedFirst()
    {
        var session = new SearchSession("asha", StudyDirection.Maximize, NopSampler.Instance, AshaScheduler.Asha(1, 2, 8));
        Pause(session, 0, 1, 0.6);
        Assert.True(session.Report(1, 1, 0.7).Promoted);   // rung 0 [0.6, 0.7]: top 1
        Pause(session, 1, 2, 0.8);                           // alone at rung 1
        Assert.True(session.Report(2, 1, 0.9).Promoted);   // rung 0 [0.6, 0.7, 0.9]: top 1
        Pause(session, 2, 2, 0.5);                           // rung 1 [0.5, 0.8]: trial 1 is the one to promote
        var fourth = session.Report(3, 1, 0.95);           // rung 0: top 2 of 4, but rung 1 has a promotable trial
        Assert.Equal(ScheduleAction.Pause, fourth.Action);
        Assert.Contains("the free slot goes to trial 1 (rung 1)", fourth.Explanation);
        session.Pause(3, 1);

        Assert.Equal([1], session.NextResume()!.Trials);
        session.Resume(1);
        Assert.Equal([3], session.NextResume()!.Trials);
    }

    [Fact]
    public void ANaNAtARungStopsTheTrialAndAnEndedTrialLeavesItsRungsWaitingList()
    {
        var session = Session();
        Assert.True(session.Report(0, 1, double.NaN).ShouldPrune);
        session.Finish(0, TrialState.Pruned);
        session.Report(1, 1, 0.4);
        session.Pause(1, 1);
        session.Finish(1, TrialState.Cancelled);
        session.Report(2, 1, 0.5);   // rung 0 [0.4, 0.5]: top 1 is 0.4, but trial 1 ended
        Assert.Null(session.NextResume());
        Assert.DoesNotContain(session.Stranded(), s => s.Trial == 1);
    }

    [Fact]
    public void ARebuiltSessionHasTheSameRungsPausesAndPromotions()
    {
        var session = Session();
        var random = new Random(3);
        var created = 0;
        for (var round = 0; round < 40; round++)
        {
            if (session.NextResume() is { } plan)
            {
                var promoted = plan.Trials[0];
                session.Resume(promoted);
                Train(session, promoted, session.Study.Trial(promoted).LastStep!.Value + 1, random);
            }
            else
            {
                Train(session, created++, 1, random);
            }
        }

        var rebuilt = SearchSession.Rebuild("asha", StudyDirection.Minimize, NopSampler.Instance, AshaScheduler.Asha(1, 2, 4), session.Log);
        Assert.True(session.Scheduler.Describe(session.Study).Promotions > 5);
        Assert.Equal(session.Scheduler.Describe(session.Study), rebuilt.Scheduler.Describe(rebuilt.Study), SnapshotComparer.Instance);
        Assert.Equal(session.NextResume()?.Trials, rebuilt.NextResume()?.Trials);
        Assert.Equal(session.Stranded(), rebuilt.Stranded());
        Assert.Equal(session.Log, rebuilt.Log);
    }

    [Fact]
    public void HyperbandAssignsBracketsAsOptunasPrunerAndRunsEachAsAsha()
    {
        var scheduler = AshaScheduler.Hyperband(minResource: 1, reductionFactor: 3, maxResource: 27);
        var pruner = new HyperbandPruner(1, 27, 3);
        var study = new Study("hb", StudyDirection.Minimize);
        study.Report(0, 1, 1.0);
        pruner.Decide(study, 0); // builds the pruner's brackets
        Assert.Equal(pruner.BracketCount, scheduler.BracketCount);
        for (var bracket = 0; bracket < scheduler.BracketCount; bracket++)
        {
            Assert.Equal(pruner.Bracket(bracket).PromotionStep(0) < 27 ? (int)pruner.Bracket(bracket).PromotionStep(0) : (int?)null,
                scheduler.RungSteps(bracket).Cast<int?>().FirstOrDefault());
        }

        for (var trial = 0; trial < 60; trial++)
        {
            Assert.Equal(pruner.BracketOf("hb", trial), scheduler.BracketOf("hb", trial));
        }
    }

    /// <summary>Reports <paramref name="value"/> at <paramref name="step"/>, which must pause the trial, and pauses it.</summary>
    private static void Pause(SearchSession session, int trial, int step, double value)
    {
        Assert.True(session.Report(trial, step, value).ShouldPause);
        session.Pause(trial, step);
    }

    /// <summary>Reports random values from <paramref name="from"/> until the trial pauses or completes at step 4.</summary>
    private static void Train(SearchSession session, int trial, int from, Random random)
    {
        for (var step = from; step <= 4; step++)
        {
            if (session.Report(trial, step, random.NextDouble()).ShouldPause)
            {
                session.Pause(trial, step);
                return;
            }
        }

        session.Finish(trial, TrialState.Completed);
    }
}
