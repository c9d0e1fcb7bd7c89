using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Grains.Coordination;
using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search;

namespace HyperSweep.Grains.Tests.Coordination;

/// <summary>The coordinator's decisions without Orleans: proposals, verdicts, outcomes, and a rebuild from the journalled log.</summary>
public sealed class SweepLedgerTests
{
    private const string Spec = """
        name: ledger
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, trials: 6, seed: 3}
        concurrency: 2
        budget: {max_epochs: 4}
        parameters:
          lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
          synthetic_floor: {values: [0.1, 0.5, 0.9]}
        pruner: {name: median, n_startup_trials: 1, n_warmup_steps: 0}
        """;

    private static SweepPlan Plan() =>
        new SweepPlanner(new WorkloadSchemaSource(new SyntheticTrialWorkload())).Plan(Spec, "ledger.yaml", ".", checkData: false);

    [Fact]
    public void Trials_are_created_up_to_the_concurrency_each_with_its_proposal_in_the_log()
    {
        var state = new SweepGrainState();
        var ledger = SweepLedger.Start("sw-1", Plan(), state);

        Assert.True(ledger.CreateTrials());
        Assert.False(ledger.CreateTrials());
        Assert.Equal([0, 1], ledger.Table.Pending);
        Assert.All(state.Trials, t => Assert.Equal(["lr", "synthetic_floor"], t.Parameters!.Keys));
        Assert.Equal([JournalEntryKind.Created, JournalEntryKind.Created], state.SearchLog.Select(e => e.Kind));
        Assert.True(ledger.Dirty);
    }

    [Fact]
    public void Reports_are_judged_once_stale_attempts_are_refused_and_a_missing_objective_fails_the_trial()
    {
        var ledger = SweepLedger.Start("sw-1", Plan(), new SweepGrainState());
        ledger.CreateTrials();
        ledger.Started(0, "s", 0);
        ledger.Started(1, "s", 0);

        Assert.Equal((VerdictKind.Continue, null), Verdict(ledger.Judge(Report(0, 1, 1, 0.5))));
        Assert.Equal((VerdictKind.Continue, null), Verdict(ledger.Judge(Report(0, 1, 1, 0.5)))); // duplicate
        Assert.Equal((VerdictKind.Stale, null), Verdict(ledger.Judge(Report(0, 2, 2, 0.4))));
        var (verdict, ended) = ledger.Judge(new EpochReport(1, 1, new EpochMetrics(1, ImmutableSortedDictionary<string, double>.Empty)));
        Assert.Equal((VerdictKind.Cancel, TrialState.Failed), (verdict.Kind, ended));
        Assert.Contains("did not report the objective metric 'val_loss'", ledger.Table[1].Reason);
    }

    [Fact]
    public void A_hand_back_of_the_running_attempt_requeues_it_as_the_next_attempt_and_anything_else_changes_nothing()
    {
        var ledger = SweepLedger.Start("sw-1", Plan(), new SweepGrainState());
        ledger.CreateTrials();
        ledger.Started(0, "s1", 0);
        ledger.Judge(Report(0, 1, 1, 0.5));
        ledger.Saved();

        Assert.False(ledger.HandBack(new TrialHandBack(0, 2, "a later attempt")));
        Assert.False(ledger.HandBack(new TrialHandBack(1, 1, "not running")));
        Assert.False(ledger.HandBack(new TrialHandBack(9, 1, "no such trial")));
        Assert.False(ledger.Dirty);

        Assert.True(ledger.HandBack(new TrialHandBack(0, 1, "silo leaving")));
        Assert.Equal((TrialState.Pending, 2, 1), (ledger.Table[0].State, ledger.Table[0].Attempt, ledger.Table[0].LastEpoch));
        Assert.Contains(0, ledger.Table.Pending);
        Assert.True(ledger.Dirty);
        Assert.False(ledger.HandBack(new TrialHandBack(0, 1, "the same hand-back again")));

        ledger.Started(0, "s2", 1, 7);
        Assert.Equal(new TrialAttempt(2, "s2", 1, 7), ledger.Table[0].Attempts[^1]);
        // A report from the handed-back attempt is now stale.
        Assert.Equal((VerdictKind.Stale, null), Verdict(ledger.Judge(Report(0, 1, 2, 0.4))));
    }

    [Fact]
    public void The_median_pruner_stops_a_trial_worse_than_the_completed_ones()
    {
        var ledger = SweepLedger.Start("sw-1", Plan(), new SweepGrainState());
        ledger.CreateTrials();
        ledger.Started(0, "s", 0);
        ledger.Started(1, "s", 0);
        ledger.Judge(Report(0, 1, 1, 0.2));
        Assert.Equal((true, true), ledger.RecordOutcome(new TrialOutcome(0, 1, TrialState.Completed, 1, null)));

        var (verdict, ended) = ledger.Judge(Report(1, 1, 1, 0.9));

        Assert.Equal((VerdictKind.Prune, TrialState.Pruned), (verdict.Kind, ended));
        Assert.Equal((true, false), ledger.RecordOutcome(new TrialOutcome(1, 1, TrialState.Pruned, 1, null))); // drained: its slot is free now
        Assert.Equal((false, false), ledger.RecordOutcome(new TrialOutcome(1, 1, TrialState.Pruned, 1, null))); // duplicate
    }

    [Fact]
    public void A_ledger_rebuilt_from_its_log_continues_exactly_as_the_original()
    {
        var state = new SweepGrainState();
        var original = SweepLedger.Start("sw-1", Plan(), state);
        original.CreateTrials();
        original.Started(0, "s", 0);
        original.Judge(Report(0, 1, 1, 0.3));
        original.RecordOutcome(new TrialOutcome(0, 1, TrialState.Completed, 1, null));

        // What the journal gives a re-activated coordinator: the rows and the whole search log.
        var stored = new SweepGrainState { Trials = [.. state.Trials.Select(Copy)], SearchLog = [.. state.SearchLog] };
        var rebuilt = SweepLedger.Resume("sw-1", Plan(), stored);
        original.CreateTrials();
        rebuilt.CreateTrials();

        Assert.Equal(state.Trials.Select(t => Text(t.Parameters!)), stored.Trials.Select(t => Text(t.Parameters!)));
        Assert.Equal(3, stored.Trials.Count);
    }

    private const string TpeSpec = """
        name: tpe-ledger
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: tpe, trials: 40, seed: 11, n_startup_trials: 3, constant_liar: true}
        concurrency: 2
        budget: {max_epochs: 2}
        parameters:
          synthetic_floor: {values: [0.1, 0.3, 0.5]}
          hidden_size: {values: [8, 16]}
        pruner: none
        """;

    [Fact]
    public void Tpe_never_gives_two_running_trials_the_same_configuration_and_a_rebuilt_ledger_proposes_as_the_original()
    {
        var plan = new SweepPlanner(new WorkloadSchemaSource(new SyntheticTrialWorkload())).Plan(TpeSpec, "tpe.yaml", ".", checkData: false);
        var state = new SweepGrainState();
        var ledger = SweepLedger.Start("sw-tpe", plan, state);
        for (var round = 0; round < 30; round++)
        {
            ledger.CreateTrials();
            foreach (var number in ledger.Table.Pending.ToList())
            {
                ledger.Started(number, "s", 0);
            }

            var running = ledger.Table.Running.Select(n => Text(ledger.Table[n].Parameters!)).ToList();
            Assert.Equal(running.Count, running.Distinct().Count()); // 6 configurations, 2 running: always distinct
            var first = ledger.Table.Running.Min();
            ledger.Judge(Report(first, 1, 1, 0.2 + 0.1 * (first % 5)));
            ledger.RecordOutcome(new TrialOutcome(first, 1, TrialState.Completed, 1, null));

            // Every few rounds, a coordinator restarted from the journal continues with the same proposals.
            if (round % 7 == 6)
            {
                var stored = new SweepGrainState { Trials = [.. state.Trials.Select(Copy)], SearchLog = [.. state.SearchLog] };
                var rebuilt = SweepLedger.Resume("sw-tpe", plan, stored);
                rebuilt.CreateTrials();
                ledger.CreateTrials();
                Assert.Equal(state.Trials.Select(t => Text(t.Parameters!)), stored.Trials.Select(t => Text(t.Parameters!)));
            }
        }
    }

    private static (VerdictKind, TrialState?) Verdict((EpochVerdict Verdict, TrialState? Ended) judged) => (judged.Verdict.Kind, judged.Ended);

    private static EpochReport Report(int trial, int attempt, int epoch, double loss) =>
        new(trial, attempt, new EpochMetrics(epoch, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("val_loss", loss)])));

    private static TrialRecord Copy(TrialRecord r) => new()
    {
        Number = r.Number, State = r.State, Attempt = r.Attempt, Silo = r.Silo, Parameters = r.Parameters, Attempts = [.. r.Attempts],
        BestValue = r.BestValue, BestEpoch = r.BestEpoch, LastValue = r.LastValue, LastEpoch = r.LastEpoch, Reason = r.Reason, EndedAt = r.EndedAt,
    };

    private static string Text(IReadOnlyDictionary<string, object> parameters) => string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"));
}
