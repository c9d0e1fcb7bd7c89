namespace HyperSweep.Contracts;

/// <summary>
/// A sweep's scheduler as it stands: its name and settings, its rungs (ASHA, Hyperband), promotions so far, and for
/// PBT the generation reached and the exploitations so far. Null in a status when the sweep uses a plain pruner.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SchedulerStatus")]
public sealed record SchedulerStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] string Settings,
    [property: Id(2)] IReadOnlyList<RungStatus> Rungs,
    [property: Id(3)] int Promotions,
    [property: Id(4)] int? Generation,
    [property: Id(5)] int Exploitations);
