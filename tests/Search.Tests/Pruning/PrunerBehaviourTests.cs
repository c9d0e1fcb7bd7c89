using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Search.Tests.Pruning;

public sealed class PrunerBehaviourTests
{
    [Fact]
    public void FactoryDefaultsAreOptuna31s()
    {
        var median = Assert.IsType<MedianPruner>(PrunerFactory.Create(new PrunerSpec("median", new Dictionary<string, object?>())));
        Assert.Equal((5, 0, 1, 1, false), (median.NStartupTrials, median.NWarmupSteps, median.IntervalSteps, median.NMinTrials, median.IncludeRunningTrials));
        var sha = Assert.IsType<SuccessiveHalvingPruner>(PrunerFactory.Create(new PrunerSpec("successive_halving", new Dictionary<string, object?>())));
        Assert.Equal((true, 4, 0, 0), (sha.IsAutoMinResource, sha.ReductionFactor, sha.MinEarlyStoppingRate, sha.BootstrapCount));
        var hyperband = Assert.IsType<HyperbandPruner>(PrunerFactory.Create(new PrunerSpec("HyperbandPruner", new Dictionary<string, object?>())));
        Assert.Equal((1, (int?)null, 3, 0), (hyperband.MinResource, hyperband.MaxResource, hyperband.ReductionFactor, hyperband.BootstrapCount));
    }

    [Fact]
    public void RunningTrialsJoinTheReferenceSetOnlyWhenAskedFor()
    {
        var optuna = Scenario(new MedianPruner());
        var coordinator = Scenario(new MedianPruner(includeRunningTrials: true));

        // 5 completed trials at 1.0, 10 running trials at 0.1, then trial 15 reports 0.5 (minimize).
        Assert.False(optuna.ShouldPrune);
        Assert.Equal(5, optuna.ReferenceCount);
        Assert.Equal(1.0, optuna.Threshold);
        Assert.True(coordinator.ShouldPrune);
        Assert.Equal(15, coordinator.ReferenceCount);
        Assert.Equal(0.1, coordinator.Threshold);
        Assert.Contains("RUNNING", coordinator.ReferenceSet);

        static Search.Scheduling.ScheduleDecision Scenario(IPruner pruner)
        {
            var session = new SearchSession("s", StudyDirection.Minimize, NopSampler.Instance, pruner);
            for (var t = 0; t < 5; t++)
            {
                session.Report(t, 0, 1.0);
                session.Finish(t, TrialState.Completed);
            }
            for (var t = 5; t < 15; t++)
            {
                session.Report(t, 0, 0.1);
            }
            return session.Report(15, 0, 0.5);
        }
    }

    [Fact]
    public void APrunedRunningTrialLeavesTheRunningReferenceSet()
    {
        var session = new SearchSession("s", StudyDirection.Minimize, NopSampler.Instance, new MedianPruner(nStartupTrials: 1, includeRunningTrials: true));
        session.Report(0, 0, 1.0);
        session.Finish(0, TrialState.Completed);
        session.Report(1, 0, 0.1);
        session.Finish(1, TrialState.Pruned);
        var decision = session.Report(2, 0, 0.5);
        Assert.Equal(1, decision.ReferenceCount);
        Assert.False(decision.ShouldPrune);
    }

    [Fact]
    public void APercentileDecisionExplainsRuleReferenceAndThreshold()
    {
        var session = new SearchSession("s", StudyDirection.Maximize, NopSampler.Instance, new PercentilePruner(25, nStartupTrials: 2));
        foreach (var (trial, value) in new[] { (0, 0.8), (1, 0.6), (2, 0.7) })
        {
            session.Report(trial, 0, value);
            session.Finish(trial, TrialState.Completed);
        }
        var decision = session.Report(3, 0, 0.5);

        Assert.True(decision.ShouldPrune);
        Assert.Equal("percentile", decision.Rule);
        Assert.Equal(0.5, decision.Value);
        Assert.Equal(0.75, decision.Threshold!.Value, 12);  // maximize uses the 75th percentile of [0.6, 0.7, 0.8]
        Assert.Equal(3, decision.ReferenceCount);
        Assert.Equal("COMPLETE trials at step 0", decision.ReferenceSet);
        Assert.Contains("0.5", decision.Explanation);
    }

    [Fact]
    public void SuccessiveHalvingPromotesTheTopQuarterAndSaysWhy()
    {
        var session = new SearchSession("s", StudyDirection.Minimize, NopSampler.Instance, new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2));
        Assert.False(session.Report(0, 1, 0.5).ShouldPrune);   // first at rung 0: promoted
        session.Finish(0, TrialState.Completed);
        var worse = session.Report(1, 1, 0.9);
        Assert.True(worse.ShouldPrune);
        Assert.Equal("rung", worse.Rule);
        Assert.Equal(0.5, worse.Threshold);
        Assert.Equal(2, worse.ReferenceCount);
    }

    [Fact]
    public void ThresholdAndNopAndPatientDecideAsDocumented()
    {
        var threshold = new SearchSession("s", StudyDirection.Minimize, NopSampler.Instance, new ThresholdPruner(upper: 2.0));
        Assert.False(threshold.Report(0, 0, 2.0).ShouldPrune);
        Assert.True(threshold.Report(0, 1, 2.5).ShouldPrune);

        var nop = new SearchSession("s", StudyDirection.Minimize, NopSampler.Instance, new NopPruner());
        Assert.False(nop.Report(0, 0, double.NaN).ShouldPrune);

        var patient = new SearchSession("s", StudyDirection.Minimize, NopSampler.Instance, new PatientPruner(null, patience: 1, minDelta: 0.0));
        Assert.False(patient.Report(0, 0, 1.0).ShouldPrune);
        Assert.False(patient.Report(0, 1, 1.1).ShouldPrune);   // 2 steps: not more than patience + 1
        Assert.True(patient.Report(0, 2, 1.2).ShouldPrune);    // best of last 2 (1.1) worse than before (1.0)
    }

    [Fact]
    public void InvalidSettingsNameTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MedianPruner(intervalSteps: 0));
        Assert.Equal("interval_steps", error.ParamName);
        var unknown = Assert.Throws<ArgumentException>(() => PrunerFactory.Create(new PrunerSpec("median", new Dictionary<string, object?> { ["eta"] = 3L })));
        Assert.Equal("eta", unknown.ParamName);
    }
}
