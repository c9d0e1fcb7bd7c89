using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Sampling.Tpe;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests;

public sealed class SearchSessionTests
{
    private static SearchSpace ConditionalSpace() => new(
    [
        new SearchParameter("arch", new CategoricalDomain(["dan", "rnn"])),
        new SearchParameter("lr", new FloatDomain(1e-4, 1e-1, log: true)),
        new SearchParameter("cell", new CategoricalDomain(["lstm", "gru"]),
            new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["arch"] = ["rnn"] })),
        new SearchParameter("hidden", new IntDomain(16, 128, 16)),
    ]);

    private static TpeSettings GroupLiar { get; } = new() { Multivariate = true, Group = true, ConstantLiar = true, NStartupTrials = 4 };

    [Fact]
    public void AProposalIsMadeForARunningTrialAndLoggedWithItsParameters()
    {
        var sampler = new RecordingSampler(new RandomSampler(ConditionalSpace(), 1));
        var session = new SearchSession("s", StudyDirection.Minimize, sampler, new NopPruner());

        var proposal = session.Propose(0);

        Assert.Equal(TrialState.Running, sampler.StateSeenAtPropose);
        Assert.False(sampler.HadParametersAtPropose);
        Assert.Equal(proposal, session.Study.Trial(0).Parameters);
        Assert.True(session.Study.Trial(0).HasParameters);
        Assert.Equal([SearchEvent.Created(0, proposal)], session.Log);
    }

    [Fact]
    public void ARebuiltSessionProposesWhatTheOriginalWouldHave()
    {
        // Trials finish out of order (three workers), some pruned or failed: the group list's order depends on it.
        var original = new SearchSession("s", StudyDirection.Minimize, new TpeSampler(ConditionalSpace(), 5, GroupLiar), new MedianPruner());
        var running = new List<int>();
        for (var trial = 0; trial < 30; trial++)
        {
            original.Propose(trial);
            running.Add(trial);
            if (running.Count == 3)
            {
                var done = running[trial % 2 == 0 ? 1 : 0];
                running.Remove(done);
                Finish(original, done);
            }
        }

        var rebuilt = SearchSession.Rebuild("s", StudyDirection.Minimize, new TpeSampler(ConditionalSpace(), 5, GroupLiar), new MedianPruner(), original.Log);

        Assert.Equal(original.Log, rebuilt.Log);
        for (var trial = 30; trial < 40; trial++)
        {
            Assert.Equal(original.Propose(trial), rebuilt.Propose(trial));
        }
    }

    [Fact]
    public void RebuildingReplaysAsksWithoutProposing()
    {
        var original = new SearchSession("s", StudyDirection.Maximize, new TpeSampler(ConditionalSpace(), 2), new NopPruner());
        for (var trial = 0; trial < 25; trial++)
        {
            original.Propose(trial);
            original.Finish(trial, TrialState.Completed, trial % 7);
        }
        var counting = new RecordingSampler(new TpeSampler(ConditionalSpace(), 2));

        SearchSession.Rebuild("s", StudyDirection.Maximize, counting, new NopPruner(), original.Log);

        Assert.Equal(0, counting.Proposals);
        Assert.Equal(25, counting.Creations);
    }

    [Fact]
    public void ACompletedTrialWithoutAValueIsNotAnObservation()
    {
        var sampler = new TpeSampler(ConditionalSpace(), 3);
        var session = new SearchSession("s", StudyDirection.Minimize, sampler, new NopPruner());
        session.Propose(0);
        session.Finish(0, TrialState.Completed, double.NaN);
        session.Propose(1);
        session.Finish(1, TrialState.Failed);
        session.Propose(2);
        session.Finish(2, TrialState.Pruned);
        session.Propose(3);
        session.Finish(3, TrialState.Completed, 1.0);
        session.Propose(4);

        // Optuna turns a NaN objective into FAIL: only the pruned and the valued completed trial count (n = 2).
        Assert.Equal(2, sampler.History.FinishedObservationCount);
    }

    private static void Finish(SearchSession session, int trial)
    {
        if (trial % 5 == 4)
        {
            session.Finish(trial, TrialState.Failed);
            return;
        }
        var value = (trial * 37 % 11) / 10.0;
        for (var step = 0; step < 3; step++)
        {
            if (session.Report(trial, step, value + 1.0 / (step + 1)).ShouldPrune)
            {
                session.Finish(trial, TrialState.Pruned);
                return;
            }
        }
        session.Finish(trial, TrialState.Completed, value);
    }

    /// <summary>Counts the calls a session makes and what the sampler saw at proposal time.</summary>
    private sealed class RecordingSampler(ISampler inner) : ISampler
    {
        public int Proposals { get; private set; }

        public int Creations { get; private set; }

        public TrialState? StateSeenAtPropose { get; private set; }

        public bool HadParametersAtPropose { get; private set; }

        public long? Size => inner.Size;

        public void OnTrialCreated(Study study, int trial)
        {
            Creations++;
            inner.OnTrialCreated(study, trial);
        }

        public TrialParameters Propose(Study study, int trial)
        {
            Proposals++;
            StateSeenAtPropose = study.Trial(trial).State;
            HadParametersAtPropose = study.Trial(trial).HasParameters;
            return inner.Propose(study, trial);
        }
    }
}
