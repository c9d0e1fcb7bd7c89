namespace HyperSweep.Contracts;

/// <summary>
/// One silo's training slots as its own <c>TrainingSlots</c> service sees them right now: capacity, slots in use,
/// the most ever in use at once, and the trial keys (<see cref="TrialKey"/>) holding a slot.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SiloSlots")]
public sealed record SiloSlots(
    [property: Id(0)] string Silo,
    [property: Id(1)] int Capacity,
    [property: Id(2)] int InUse,
    [property: Id(3)] int PeakInUse,
    [property: Id(4)] IReadOnlyList<string> RunningTrials);
