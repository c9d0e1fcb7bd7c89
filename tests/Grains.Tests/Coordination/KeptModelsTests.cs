using System.Collections.Immutable;
using HyperSweep.Grains.Coordination;
using HyperSweep.Search;

namespace HyperSweep.Grains.Tests.Coordination;

public sealed class KeptModelsTests
{
    private static readonly ImmutableSortedDictionary<string, object> NoParameters = ImmutableSortedDictionary<string, object>.Empty;
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_best_ended_trials_are_kept_and_a_trial_pushed_out_is_released_for_good()
    {
        var table = new TrialTable([], new Objective("val_loss", StudyDirection.Minimize));
        var keeping = new KeptModels(table, capacity: 2);

        End(table, 0.5);
        End(table, 0.4);
        Assert.Empty(keeping.DecideEnded().Released);
        Assert.Equal([1, 0], keeping.Kept.Select(r => r.Number));

        End(table, 0.3); // better than both: trial 0 (0.5) is pushed out
        Assert.Equal([0], keeping.DecideEnded().Released);
        End(table, 0.9); // worse than both: released at once
        Assert.Equal([3], keeping.DecideEnded().Released);

        Assert.Equal([2, 1], keeping.Kept.Select(r => r.Number));
        Assert.Equal(
            [KeepDecision.Released, KeepDecision.Kept, KeepDecision.Kept, KeepDecision.Released],
            table.Records.Select(r => r.Keep));
        var (decided, released) = keeping.DecideEnded(); // nothing new ended: nothing to decide
        Assert.Equal(0, decided);
        Assert.Empty(released);
    }

    [Fact]
    public void Running_trials_are_never_decided_and_completed_ones_outrank_pruned_ones()
    {
        var table = new TrialTable([], new Objective("val_accuracy", StudyDirection.Maximize));
        var keeping = new KeptModels(table, capacity: 1);
        End(table, 0.99, TrialState.Pruned);
        var running = table.Add(NoParameters).Number;
        table.Started(running, "s", 0);
        table.RecordEpoch(running, 1, 1.0);

        keeping.DecideEnded();
        Assert.Equal(KeepDecision.Kept, table[0].Keep);
        Assert.Equal(KeepDecision.Undecided, table[running].Keep);

        End(table, 0.8); // completed beats pruned in the one ranking, whatever the value
        Assert.Equal([0], keeping.DecideEnded().Released);
        Assert.Equal([2], keeping.Kept.Select(r => r.Number));
    }

    [Fact]
    public void Trials_without_a_value_and_sweeps_that_keep_none_release_everything()
    {
        var table = new TrialTable([], new Objective("val_loss", StudyDirection.Minimize));
        var failed = table.Add(NoParameters).Number;
        table.Started(failed, "s", 0);
        table.End(failed, TrialState.Failed, "boom", Now);
        Assert.Equal([failed], new KeptModels(table, capacity: 3).DecideEnded().Released);

        var none = new TrialTable([], new Objective("val_loss", StudyDirection.Minimize));
        End(none, 0.1);
        Assert.Equal([0], new KeptModels(none, capacity: 0).DecideEnded().Released);
    }

    [Fact]
    public void A_rebuilt_coordinator_knows_its_kept_trials_in_rank_order()
    {
        var records = new List<TrialRecord>();
        var table = new TrialTable(records, new Objective("val_loss", StudyDirection.Minimize));
        var keeping = new KeptModels(table, capacity: 2);
        End(table, 0.5);
        End(table, 0.2);
        keeping.DecideEnded();

        var rebuilt = new KeptModels(new TrialTable(records, new Objective("val_loss", StudyDirection.Minimize)), capacity: 2);

        Assert.Equal([1, 0], rebuilt.Kept.Select(r => r.Number));
    }

    private static void End(TrialTable table, double value, TrialState state = TrialState.Completed)
    {
        var number = table.Add(NoParameters).Number;
        table.Started(number, "s", 0);
        table.RecordEpoch(number, 1, value);
        table.End(number, state, null, Now);
    }
}
