using HyperSweep.Search.Sampling;
using HyperSweep.Search.Scheduling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests.Scheduling;

/// <summary>Synchronous PBT: generation barriers, who exploits whom, how parameters are explored, and rebuilds.</summary>
public sealed class PbtSchedulerTests
{
    private static readonly SearchSpace Space = new(
    [
        new SearchParameter("lr", new FloatDomain(0.001, 0.1, log: true)),
        new SearchParameter("hidden_size", new CategoricalDomain([32L, 64L])),
        new SearchParameter("dropout", new FloatDomain(0.0, 0.5, step: 0.1)),
    ]);

    private static PbtScheduler Pbt(long seed = 5, double resample = 0.0, double quantile = 0.25, int population = 4) =>
        new(Space, population, interval: 2, maxSteps: 6,
            [new PbtPerturbation("lr", [0.8, 1.2]), new PbtPerturbation("dropout", [0.5, 2.0])], quantile, resample, seed);

    private static TrialParameters Params(double lr, long hidden, double dropout) =>
        new([new("lr", lr), new("hidden_size", hidden), new("dropout", dropout)]);

    /// <summary>Four members whose values at every step are their loss (minimize): trial 0 best, trial 3 worst.</summary>
    private static SearchSession Population(PbtScheduler scheduler, params double[] losses)
    {
        var session = new SearchSession("pbt", StudyDirection.Minimize, NopSampler.Instance, scheduler);
        for (var trial = 0; trial < losses.Length; trial++)
        {
            session.Create(trial, Params(0.01 * (trial + 1), 32 + 32 * (trial % 2), 0.1 * trial));
        }

        return session;
    }

    private static void ReachBoundary(SearchSession session, int trial, double loss, int boundary = 2)
    {
        for (var step = boundary - 1; step <= boundary; step++)
        {
            var decision = session.Report(trial, step, loss);
            Assert.Equal(step == boundary ? ScheduleAction.Pause : ScheduleAction.Continue, decision.Action);
        }

        session.Pause(trial, boundary);
    }

    [Fact]
    public void NothingResumesUntilEveryLiveMemberReachedTheBoundary()
    {
        var session = Population(Pbt(), 0.1, 0.2, 0.3, 0.4);
        ReachBoundary(session, 0, 0.1);
        ReachBoundary(session, 1, 0.2);
        ReachBoundary(session, 2, 0.3);
        Assert.Null(session.NextResume());
        session.Report(3, 1, 0.4);
        Assert.Null(session.NextResume());
        ReachBoundary(session, 3, 0.4, boundary: 2);

        var plan = session.NextResume()!;
        Assert.Equal([0, 1, 2, 3], plan.Trials);
        var exploit = Assert.Single(plan.Exploits); // ⌈4 · 0.25⌉ = 1: the worst copies the best
        Assert.Equal((3, 0, 2), (exploit.Trial, exploit.Donor, exploit.Step));
        Assert.Equal(Params(0.01 * 4, 64, 0.1 * 3), exploit.Before);
        Assert.Equal(32L, exploit.After["hidden_size"]);                   // the donor's, not perturbed
        Assert.Contains((double)exploit.After["lr"], new[] { 0.01 * 0.8, 0.01 * 1.2 });
        Assert.Contains((double)exploit.After["dropout"], new[] { 0.0 });   // 0 × anything stays 0
        Assert.Contains("bottom 1 of 4; continues from trial 0", exploit.Explanation);
    }

    [Fact]
    public void AnAppliedGenerationResumesWithoutExploitingAgainAndMembersTrainWithTheirNewParameters()
    {
        var scheduler = Pbt();
        var session = Population(scheduler, 0.1, 0.2, 0.3, 0.4);
        foreach (var (trial, loss) in new[] { (0, 0.1), (1, 0.2), (2, 0.3), (3, 0.4) })
        {
            ReachBoundary(session, trial, loss);
        }

        var exploit = session.NextResume()!.Exploits.Single();
        session.Exploit(exploit);
        var again = session.NextResume()!;
        Assert.Equal([0, 1, 2, 3], again.Trials);
        Assert.Empty(again.Exploits);
        Assert.Equal(exploit.After, scheduler.CurrentParameters(session.Study, 3));
        foreach (var trial in again.Trials)
        {
            session.Resume(trial);
        }

        Assert.Null(session.NextResume());
        Assert.Equal(1, scheduler.Describe(session.Study).Exploitations);
        Assert.Equal(ScheduleAction.Continue, session.Report(0, 3, 0.05).Action);
        Assert.Equal(ScheduleAction.Pause, session.Report(0, 4, 0.05).Action);
        Assert.Equal(ScheduleAction.Continue, session.Report(1, 3, 0.05).Action);
    }

    [Fact]
    public void ExploitsDependOnlyOnTheSeedTheGenerationAndTheValues()
    {
        Exploitation Run(long seed, double resample)
        {
            var session = Population(Pbt(seed, resample), 0.1, 0.2, 0.3, 0.4);
            foreach (var trial in new[] { 2, 0, 3, 1 }) // any arrival order
            {
                ReachBoundary(session, trial, 0.1 * (trial + 1));
            }

            return session.NextResume()!.Exploits.Single();
        }

        Assert.Equal(Run(5, 0.5), Run(5, 0.5));
        var always = Run(5, 1.0); // always resampled: drawn from the domain
        Assert.InRange((double)always.After["lr"], 0.001, 0.1);
        Assert.Contains("resampled", always.Explanation);
        var seeds = Enumerable.Range(0, 20).Select(s => (double)Run(s, 0.0).After["lr"]).Distinct().Order().ToList();
        Assert.Equal([0.01 * 0.8, 0.01 * 1.2], seeds); // both factors are drawn, nothing else
    }

    [Fact]
    public void TheQuantileNeverMakesAMemberBothDonorAndExploiterAndAnEndedMemberLeavesThePopulation()
    {
        var session = Population(Pbt(quantile: 0.5, population: 4), 0.1, 0.2, 0.3, 0.4);
        ReachBoundary(session, 0, 0.1);
        ReachBoundary(session, 1, 0.2);
        ReachBoundary(session, 2, 0.3);
        session.Report(3, 1, double.NaN);
        session.Finish(3, TrialState.Failed);

        var plan = session.NextResume()!;
        Assert.Equal([0, 1, 2], plan.Trials);
        var exploit = Assert.Single(plan.Exploits); // ⌈3 · 0.5⌉ = 2, capped at ⌊3 / 2⌋ = 1
        Assert.Equal((2, 0), (exploit.Trial, exploit.Donor));
    }

    [Fact]
    public void TheLastGenerationEndsAtMaxStepsWithoutAPause()
    {
        var session = Population(Pbt(), 0.1);
        Assert.Equal(ScheduleAction.Pause, session.Report(0, 4, 0.1).Action);
        Assert.Equal(ScheduleAction.Continue, session.Report(0, 6, 0.1).Action);
        Assert.Equal(4, Pbt().TrialLimit);
    }

    [Fact]
    public void ARebuiltSessionHasTheSameCurrentParametersAndNextResume()
    {
        var scheduler = Pbt(seed: 9, resample: 0.3);
        var session = Population(scheduler, 0.1, 0.2, 0.3, 0.4);
        foreach (var boundary in new[] { 2, 4 })
        {
            foreach (var trial in Enumerable.Range(0, 4))
            {
                ReachBoundary(session, trial, 0.1 * (4 - trial) + boundary, boundary);
            }

            var plan = session.NextResume()!;
            plan.Exploits.ToList().ForEach(session.Exploit);
            if (boundary == 2)
            {
                plan.Trials.ToList().ForEach(session.Resume);
            }
        }

        var fresh = Pbt(seed: 9, resample: 0.3);
        var rebuilt = SearchSession.Rebuild("pbt", StudyDirection.Minimize, NopSampler.Instance, fresh, session.Log);
        foreach (var trial in Enumerable.Range(0, 4))
        {
            Assert.Equal(scheduler.CurrentParameters(session.Study, trial), fresh.CurrentParameters(rebuilt.Study, trial));
        }

        Assert.Equal(session.NextResume(), rebuilt.NextResume(), ResumePlanComparer.Instance);
        Assert.Equal(2, fresh.Exploitations);
    }

    [Theory]
    [InlineData(0.05, 1.2, 0.06)]
    [InlineData(0.09, 1.2, 0.1)]       // clamped to max
    [InlineData(0.4, 0.55, 0.2)]       // stepped: 0.22 snapped to the 0.1 grid
    public void ScalingKeepsAValueInsideItsDomain(double value, double factor, double expected)
    {
        ParameterDomain domain = value > 0.2 ? new FloatDomain(0.0, 0.5, step: 0.1) : new FloatDomain(0.001, 0.1);
        Assert.Equal(expected, (double)PbtExplorer.Scale(domain, value, factor), 12);
    }

    [Fact]
    public void ScalingIntegersRoundsAndAListOfNumbersMovesToItsNeighbour()
    {
        Assert.Equal(4L, PbtExplorer.Scale(new IntDomain(0, 10), 3L, 1.25));
        Assert.Equal(10L, PbtExplorer.Scale(new IntDomain(0, 10, step: 5), 8L, 1.0));
        var list = new CategoricalDomain([0.1, 0.01, 0.001]);
        Assert.Equal(0.1, PbtExplorer.Scale(list, 0.01, 1.2));
        Assert.Equal(0.001, PbtExplorer.Scale(list, 0.01, 0.8));
        Assert.Equal(0.001, PbtExplorer.Scale(list, 0.001, 0.8));
    }
}
