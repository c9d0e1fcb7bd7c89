using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Sampling.Tpe;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests.Sampling.Tpe;

public sealed class TpeSamplerTests
{
    private static SearchSpace Space() => new(
    [
        new SearchParameter("arch", new CategoricalDomain(["dan", "rnn"])),
        new SearchParameter("cell", new CategoricalDomain(["lstm", "gru", "elman"]),
            new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["arch"] = ["rnn"] })),
        new SearchParameter("hidden", new IntDomain(16, 256, 16)),
        new SearchParameter("layers", new IntDomain(1, 64, log: true)),
        new SearchParameter("dropout", new FloatDomain(0.0, 0.5, 0.1)),
        new SearchParameter("lr", new FloatDomain(1e-5, 1e-1, log: true)),
        new SearchParameter("momentum", new FloatDomain(0.0, 0.99)),
    ]);

    public static TheoryData<string> Variants() => new() { "univariate", "multivariate", "group", "liar", "hyperopt", "noprior", "endpoints" };

    private static TpeSettings Settings(string variant) => variant switch
    {
        "multivariate" => new() { Multivariate = true },
        "group" => new() { Multivariate = true, Group = true },
        "liar" => new() { ConstantLiar = true },
        "hyperopt" => new() { Gamma = TpeGamma.Hyperopt, Weights = TpeWeights.Uniform },
        "noprior" => new() { ConsiderPrior = false, PriorWeight = 0.5, Gamma = TpeGamma.P15Plus2Cap12 },
        "endpoints" => new() { ConsiderEndpoints = true, ConsiderMagicClip = false },
        _ => new(),
    };

    /// <summary>Runs a study with a smooth objective; returns the proposals.</summary>
    private static List<TrialParameters> Run(TpeSettings settings, long seed, int trials, int workers = 1)
    {
        var session = new SearchSession("t", StudyDirection.Minimize, new TpeSampler(Space(), seed, settings), new NopPruner());
        var proposals = new List<TrialParameters>();
        var running = new Queue<(int Trial, TrialParameters Parameters)>();
        for (var trial = 0; trial < trials; trial++)
        {
            var parameters = session.Propose(trial);
            proposals.Add(parameters);
            running.Enqueue((trial, parameters));
            if (running.Count >= workers)
            {
                var (done, p) = running.Dequeue();
                session.Finish(done, TrialState.Completed, Objective(p));
            }
        }
        return proposals;
    }

    private static double Objective(TrialParameters p) =>
        Math.Pow(Math.Log10((double)p["lr"]) + 3, 2) + Math.Pow((long)p["hidden"] - 128, 2) / 10_000 + (double)p["dropout"]
        + ((string)p["arch"] == "rnn" ? 0.1 : 0.3) + Math.Abs((double)p["momentum"] - 0.9);

    [Theory]
    [MemberData(nameof(Variants))]
    public void TheSameSeedAndHistoryGiveTheSameProposals(string variant)
    {
        Assert.Equal(Run(Settings(variant), 11, 40, workers: 3), Run(Settings(variant), 11, 40, workers: 3));
        Assert.NotEqual(Run(Settings(variant), 11, 40), Run(Settings(variant), 12, 40));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryProposalLiesInTheSpaceAndHonoursConditions(string variant)
    {
        foreach (var proposal in Run(Settings(variant), 3, 60, workers: 2))
        {
            foreach (var parameter in Space().Parameters)
            {
                var active = parameter.When is null || parameter.When.IsSatisfiedBy(proposal.ToDictionary(p => p.Key, p => p.Value));
                Assert.Equal(active, proposal.ContainsKey(parameter.Name));
                if (active)
                {
                    Assert.True(parameter.Domain.Contains(proposal[parameter.Name]), $"{parameter.Name}={proposal[parameter.Name]} outside its domain");
                }
            }
        }
    }

    [Fact]
    public void StartUpTrialsAreTheRandomSamplersDraws()
    {
        var random = new RandomSampler(Space(), 9);
        var proposals = Run(new TpeSettings(), 9, 10);
        for (var trial = 0; trial < 10; trial++)
        {
            Assert.Equal(random.ParametersFor(trial), proposals[trial]);
        }
    }

    [Fact]
    public void OnlyCompletedAndPrunedTrialsEndTheStartUp()
    {
        var sampler = new TpeSampler(Space(), 4, new TpeSettings { NStartupTrials = 2 });
        var session = new SearchSession("t", StudyDirection.Minimize, sampler, new NopPruner());
        var random = new RandomSampler(Space(), 4);
        for (var trial = 0; trial < 4; trial++)
        {
            session.Propose(trial);
            session.Finish(trial, TrialState.Failed);
        }
        Assert.Equal(random.ParametersFor(4), session.Propose(4));   // four failures: still starting up
        session.Finish(4, TrialState.Pruned);
        session.Propose(5);
        session.Finish(5, TrialState.Completed, 0.5);
        Assert.NotEqual(random.ParametersFor(6), session.Propose(6));  // n = 2: TPE decides
    }

    [Fact]
    public void TpeConcentratesOnTheGoodRegion()
    {
        // After start-up, TPE's learning rates cluster around the optimum 1e-3 far more than uniform draws in log space.
        var proposals = Run(new TpeSettings(), 21, 80).Skip(40).Select(p => Math.Abs(Math.Log10((double)p["lr"]) + 3)).ToList();
        Assert.True(proposals.Average() < 1.0, $"mean |log10 lr + 3| = {proposals.Average()}");
    }

    [Fact]
    public void ParallelWorkersNeverRunTheSameConfigurationWhileOthersAreLeft()
    {
        // Four configurations, three workers: whatever TPE (or its start-up) proposes, running trials stay distinct.
        var space = new SearchSpace(
        [
            new SearchParameter("a", new CategoricalDomain(["x", "y"])),
            new SearchParameter("b", new IntDomain(1, 2)),
        ]);
        var session = new SearchSession("t", StudyDirection.Minimize, new TpeSampler(space, 1, new TpeSettings { ConstantLiar = true, NStartupTrials = 3 }), new NopPruner());
        var running = new List<(int Trial, TrialParameters Parameters)>();
        for (var trial = 0; trial < 60; trial++)
        {
            var proposal = session.Propose(trial);
            Assert.DoesNotContain(running, r => r.Parameters.Equals(proposal));
            running.Add((trial, proposal));
            if (running.Count == 3)
            {
                var done = running[trial % 3];
                running.Remove(done);
                session.Finish(done.Trial, TrialState.Completed, (string)done.Parameters["a"] == "x" ? 1.0 : 2.0);
            }
        }
    }

    [Fact]
    public void WithoutTheGuaranteeTpeMayRepeatARunningConfiguration()
    {
        var space = new SearchSpace([new SearchParameter("a", new CategoricalDomain(["x", "y"]))]);
        var settings = new TpeSettings { DistinctRunning = false, NStartupTrials = 0 };
        var session = new SearchSession("t", StudyDirection.Minimize, new TpeSampler(space, 1, settings), new NopPruner());
        var proposals = Enumerable.Range(0, 8).Select(session.Propose).ToList();
        Assert.True(proposals.Distinct().Count() < proposals.Count);
    }
}
