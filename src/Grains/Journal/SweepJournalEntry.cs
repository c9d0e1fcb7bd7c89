using HyperSweep.Search;
using System.Collections.Immutable;
using HyperSweep.Contracts;

namespace HyperSweep.Grains.Journal;

/// <summary>
/// One event of a sweep's journal. A flat record rather than a class hierarchy: fields a kind does not use stay
/// null or zero and cost a byte or two each in Orleans' varint encoding, and replay is one switch. A Trial row's
/// <see cref="FinishedAt"/> is the trial's end time.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SweepJournalEntry")]
public sealed record SweepJournalEntry(
    [property: Id(0)] JournalEntryKind Kind,
    [property: Id(1)] int Trial,
    [property: Id(2)] int Epoch = 0,
    [property: Id(3)] double Value = 0,
    [property: Id(4)] TrialState State = TrialState.Pending,
    [property: Id(5)] int Attempt = 0,
    [property: Id(6)] string? Silo = null,
    [property: Id(7)] string? Reason = null,
    [property: Id(8)] TrialAttempt[]? Attempts = null,
    [property: Id(9)] double? BestValue = null,
    [property: Id(10)] int? BestEpoch = null,
    [property: Id(11)] double? LastValue = null,
    [property: Id(12)] SweepState SweepState = SweepState.Running,
    [property: Id(13)] DateTimeOffset? FinishedAt = null,
    [property: Id(14)] ImmutableSortedDictionary<string, object>? Parameters = null,
    [property: Id(15)] KeepDecision Keep = KeepDecision.Undecided,
    [property: Id(16)] ImmutableSortedDictionary<string, double>? TestMetrics = null,
    [property: Id(17)] bool Finalized = false,
    [property: Id(18)] string? ModelNote = null);
