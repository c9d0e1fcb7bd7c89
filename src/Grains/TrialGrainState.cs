using System.Collections.Immutable;
using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;

namespace HyperSweep.Grains;

/// <summary>
/// What a trial persists: its current attempt and history, and references into the artifact store (never the bytes:
/// grain state lives in SQLite or Redis, which hold metadata only). <see cref="Latest"/> is the checkpoint an attempt
/// resumes from (after an epoch, or mid-epoch after a number of batches of the next); <see cref="Best"/> the checkpoint
/// of the epoch with the best objective value so far (the same rule as the coordinator's best value: strictly better,
/// the earlier epoch on ties), whose weights a kept model is made of. Also how many of its attempts the hung-trial
/// watchdog abandoned (<see cref="AbandonedAttempt"/> the latest, whose late commits are refused). After a PBT
/// exploitation <see cref="Latest"/> is this trial's own copy of the checkpoint it adopted from <see cref="AdoptedFrom"/>
/// (its next attempt applies its own hyper-parameters on top; the first epoch it commits makes the checkpoint its own again).
/// </summary>
[GenerateSerializer, Alias("HyperSweep.TrialGrainState")]
public sealed class TrialGrainState
{
    [Id(0)] public TrialAssignment? Assignment { get; set; }
    [Id(1)] public int Attempt { get; set; }
    [Id(2)] public List<EpochMetrics> History { get; set; } = [];

    /// <summary>Before the artifact store the checkpoint's bytes were kept here; read only to move them into the store.</summary>
    [Id(3)] public byte[]? Checkpoint { get; set; }

    /// <summary>The epoch <see cref="Latest"/> was taken after (0 = none); kept in step with it for the start result.</summary>
    [Id(4)] public int CheckpointEpoch { get; set; }
    [Id(5)] public TrialState State { get; set; } = TrialState.Pending;
    [Id(6)] public string? Reason { get; set; }
    [Id(7)] public StoredCheckpoint? Latest { get; set; }
    [Id(8)] public StoredCheckpoint? Best { get; set; }
    [Id(9)] public double? BestValue { get; set; }

    /// <summary>The kept model file, once made (final trials the sweep keeps).</summary>
    [Id(10)] public ArtifactRef? Model { get; set; }
    [Id(11)] public ImmutableSortedDictionary<string, double>? TestMetrics { get; set; }

    /// <summary>The sweep does not keep this trial's weights: delete them once it has ended.</summary>
    [Id(12)] public bool Released { get; set; }
    [Id(13)] public List<GradientRecord> Gradients { get; set; } = [];

    /// <summary>Why making the model or scoring it on the test split failed, if it did.</summary>
    [Id(14)] public string? ModelNote { get; set; }

    /// <summary>The test split was scored (successfully or not): it is never scored twice.</summary>
    [Id(15)] public bool TestScored { get; set; }

    /// <summary>How many attempts the hung-trial watchdog abandoned (a trial fails past the retry limit).</summary>
    [Id(16)] public int HungAttempts { get; set; }

    /// <summary>The latest attempt the watchdog abandoned: its late commits are refused.</summary>
    [Id(17)] public int AbandonedAttempt { get; set; }

    /// <summary>PBT: the donor trial whose checkpoint <see cref="Latest"/> is a copy of, until this trial trains an epoch on it.</summary>
    [Id(30)] public int? AdoptedFrom { get; set; }

    public bool IsFinal => State is TrialState.Completed or TrialState.Pruned or TrialState.Failed or TrialState.Cancelled;

    public TrialArtifacts Artifacts() => new(Latest, Best, Model);
}
