using System.Collections.Immutable;
using HyperSweep.Grains.Coordination;
using HyperSweep.Search;

namespace HyperSweep.Grains.Tests.Coordination;

public sealed class TrialTableTests
{
    private static readonly ImmutableSortedDictionary<string, object> NoParameters = ImmutableSortedDictionary<string, object>.Empty;
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_trial_moves_from_pending_to_running_to_an_end_with_its_attempts()
    {
        var table = new TrialTable([], new Objective("val_loss", StudyDirection.Minimize));
        var record = table.Add(NoParameters);
        Assert.Equal([0], table.Pending);

        table.Started(0, "s1", 0);
        Assert.Empty(table.Pending);
        Assert.Equal([0], table.Running);
        table.Requeue(0);
        Assert.Equal((TrialState.Pending, 2), (record.State, record.Attempt));
        table.Started(0, "s2", 3);
        table.End(0, TrialState.Completed, null, Now);

        Assert.Empty(table.Running);
        Assert.Equal([new Contracts.TrialAttempt(1, "s1", 0), new Contracts.TrialAttempt(2, "s2", 3)], record.Attempts);
        Assert.Equal((TrialState.Completed, new DateTimeOffset(Now)), (record.State, record.EndedAt!.Value));
    }

    [Fact]
    public void Best_value_follows_the_objective_direction()
    {
        var table = new TrialTable([], new Objective("val_accuracy", StudyDirection.Maximize));
        table.Add(NoParameters);
        table.RecordEpoch(0, 1, 0.6);
        table.RecordEpoch(0, 2, 0.8);
        table.RecordEpoch(0, 3, 0.7);
        Assert.Equal((0.8, 2, 0.7, 3), (table[0].BestValue, table[0].BestEpoch, table[0].LastValue, table[0].LastEpoch));
    }

    [Fact]
    public void The_one_ranking_puts_completed_trials_first_then_the_better_value_then_the_lower_number()
    {
        var table = new TrialTable([], new Objective("val_loss", StudyDirection.Minimize));
        foreach (var (state, best) in new[] { (TrialState.Pruned, 0.1), (TrialState.Completed, 0.5), (TrialState.Completed, 0.3), (TrialState.Completed, 0.3), (TrialState.Running, 0.2) })
        {
            var number = table.Add(NoParameters).Number;
            table.Started(number, "s", 0);
            table.RecordEpoch(number, 1, best);
            if (state != TrialState.Running)
            {
                table.End(number, state, null, Now);
            }
        }

        table.Add(NoParameters); // no value yet: not ranked
        Assert.Equal([2, 3, 1, 0, 4], table.Ranked().Select(r => r.Number));
        Assert.Equal(2, table.Leader()!.Number);
    }

    [Fact]
    public void A_pruned_trial_holds_its_slot_until_its_outcome_arrives_or_its_silo_leaves()
    {
        var table = new TrialTable([], new Objective("val_loss", StudyDirection.Minimize));
        table.Add(NoParameters);
        table.Add(NoParameters);
        table.Started(0, "s1", 0);
        table.Started(1, "s2", 0);
        table.End(0, TrialState.Pruned, "pruned", Now);
        table.End(1, TrialState.Pruned, "pruned", Now);
        Assert.Equal(new Dictionary<string, int> { ["s1"] = 1, ["s2"] = 1 }, table.LoadBySilo());

        Assert.False(table.Drained(0, attempt: 2));   // another attempt's outcome frees nothing
        Assert.True(table.Drained(0, attempt: 1));
        Assert.False(table.Drained(0, attempt: 1));
        table.ExpireDraining(new HashSet<string> { "s1" }, Now, TimeSpan.FromSeconds(30));
        Assert.Empty(table.LoadBySilo());
    }

    [Fact]
    public void A_paused_trial_holds_no_slot_once_its_attempt_let_go_and_resumes_as_a_new_attempt()
    {
        var table = new TrialTable([], new Objective("val_loss", StudyDirection.Minimize));
        table.Add(NoParameters);
        table.Started(0, "s1", 0);
        table.Pause(0, "paused at rung 0", Now);
        Assert.Equal((TrialState.Paused, 0), (table[0].State, table.Running.Count));
        Assert.Equal([0], table.Paused);
        Assert.Equal(new Dictionary<string, int> { ["s1"] = 1 }, table.LoadBySilo());

        table.Resume(0, "promoted");
        Assert.Equal((TrialState.Pending, 2, "promoted"), (table[0].State, table[0].Attempt, table[0].Reason));
        Assert.Empty(table.Paused);
        Assert.True(table.Drained(0, attempt: 1));   // the paused attempt's outcome arrives after the resume
        Assert.Empty(table.LoadBySilo());
        Assert.Single(new TrialTable([.. table.Records], new Objective("val_loss", StudyDirection.Minimize)).Pending);
    }
}
