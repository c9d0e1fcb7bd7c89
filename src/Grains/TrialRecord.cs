using System.Collections.Immutable;
using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>The coordinator's row for one trial (persisted inside <see cref="SweepGrainState"/>).</summary>
[GenerateSerializer, Alias("HyperSweep.TrialRecord")]
public sealed class TrialRecord
{
    [Id(0)] public int Number { get; set; }
    [Id(1)] public TrialState State { get; set; } = TrialState.Pending;
    [Id(2)] public ImmutableSortedDictionary<string, object> Parameters { get; set; } = ImmutableSortedDictionary<string, object>.Empty;
    [Id(3)] public long Seed { get; set; }
    [Id(4)] public int Attempt { get; set; } = 1;
    [Id(5)] public string? Silo { get; set; }
    [Id(7)] public double? BestValue { get; set; }
    [Id(8)] public int? BestEpoch { get; set; }
    [Id(9)] public string? Reason { get; set; }
    [Id(10)] public List<TrialAttempt> Attempts { get; set; } = [];
    [Id(11)] public double? LastValue { get; set; }
    /// <summary>The last epoch recorded; epochs arrive in order, so this is also the number of epochs run. The
    /// per-epoch metrics themselves live in the trial grain's state, which keeps this table small.</summary>
    [Id(12)] public int LastEpoch { get; set; }

    public bool IsFinal => State is TrialState.Completed or TrialState.Pruned or TrialState.Failed or TrialState.Cancelled;

    public TrialSummary ToSummary() =>
        new(Number, State, Parameters, LastEpoch, BestValue, BestEpoch, LastValue, Reason, Attempts.Count, Silo);
}
