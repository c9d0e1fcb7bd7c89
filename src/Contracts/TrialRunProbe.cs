using HyperSweep.Search;
namespace HyperSweep.Contracts;

/// <summary>
/// A trial grain's answer to "is your attempt still training?": the attempt it last accepted, whether that
/// attempt's training thread is alive in this activation, and the trial's persisted state. A coordinator uses it
/// to notice an attempt that ended without telling it, on a silo that is still alive (for example a trial grain
/// activation that the runtime deactivated, which interrupts its training).
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialRunProbe")]
public sealed record TrialRunProbe(
    [property: Id(0)] int Attempt,
    [property: Id(1)] bool Training,
    [property: Id(2)] TrialState State,
    [property: Id(3)] string? Reason);
