using HyperSweep.Search;
using System.Collections.Immutable;
using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>
/// The coordinator's row for one trial. It is kept small (100,000 of them must fit easily in memory): the searched
/// parameters the sampler proposed (the spec's fixed settings are merged in only when a trial starts or is shown),
/// and its progress. Every setter tells the <see cref="Journal.SweepStore"/> that the row changed, so the store writes
/// only the rows that changed since its last write; the parameters, set once at creation, are journalled once.
/// [Id(3)] remains only to read states of the old layout.
/// </summary>
[GenerateSerializer, Alias("HyperSweep.TrialRecord")]
public sealed class TrialRecord
{
    [NonSerialized]
    private Action<TrialRecord>? _changed;

    [Id(0)] public int Number { get; set; }
    [Id(1)] public TrialState State { get => field; set { field = value; Changed(); } } = TrialState.Pending;
    [Id(2)] public ImmutableSortedDictionary<string, object>? Parameters { get; set; }
    [Id(3)] public long Seed { get; set; }
    [Id(4)] public int Attempt { get => field; set { field = value; Changed(); } } = 1;
    [Id(5)] public string? Silo { get => field; set { field = value; Changed(); } }
    [Id(7)] public double? BestValue { get => field; set { field = value; Changed(); } }
    [Id(8)] public int? BestEpoch { get => field; set { field = value; Changed(); } }
    [Id(9)] public string? Reason { get => field; set { field = value; Changed(); } }
    /// <summary>Attempts started; the coordinator adds one only together with a <see cref="State"/> change, which marks the row.</summary>
    [Id(10)] public List<TrialAttempt> Attempts { get; set; } = [];
    [Id(11)] public double? LastValue { get => field; set { field = value; Changed(); } }
    /// <summary>The last epoch recorded; epochs arrive in order, so this is also the number of epochs run. The
    /// per-epoch metrics themselves live in the trial grain's state, which keeps this table small.</summary>
    [Id(12)] public int LastEpoch { get => field; set { field = value; Changed(); } }
    /// <summary>When the trial reached its final state (the dashboard's best-so-far over time).</summary>
    [Id(13)] public DateTimeOffset? EndedAt { get => field; set { field = value; Changed(); } }
    /// <summary>Whether the sweep keeps this ended trial's model (decided when it ends, revised as better trials end).</summary>
    [Id(14)] public KeepDecision Keep { get => field; set { field = value; Changed(); } }
    /// <summary>Test metrics of a kept model, scored once at the end of the sweep (never seen by the search).</summary>
    [Id(15)] public ImmutableSortedDictionary<string, double>? TestMetrics { get => field; set { field = value; Changed(); } }
    /// <summary>A kept trial answered the sweep's finalization (its model file is made, its test split scored).</summary>
    [Id(16)] public bool Finalized { get => field; set { field = value; Changed(); } }
    /// <summary>Why making a kept model or scoring it failed, if it did.</summary>
    [Id(17)] public string? ModelNote { get => field; set { field = value; Changed(); } }

    public bool IsFinal => State is TrialState.Completed or TrialState.Pruned or TrialState.Failed or TrialState.Cancelled;

    public TrialSummary ToSummary(ImmutableSortedDictionary<string, object> parameters) =>
        new(Number, State, parameters, LastEpoch, BestValue, BestEpoch, LastValue, Reason, Attempts.Count, Silo, EndedAt, Keep == KeepDecision.Kept, TestMetrics);

    /// <summary>Routes later changes of this row to <paramref name="changed"/> (the store's dirty set).</summary>
    internal void Track(Action<TrialRecord> changed) => _changed = changed;

    private void Changed() => _changed?.Invoke(this);
}
