namespace HyperSweep.Search.Scheduling;

/// <summary>
/// A scheduler's state for people: its name and settings in one line, its rungs (ASHA, Hyperband), and for PBT the
/// generation reached and how many exploitations happened so far. What status, the dashboard and export show.
/// </summary>
public sealed record SchedulerSnapshot(
    string Name,
    string Settings,
    IReadOnlyList<RungSnapshot> Rungs,
    int? Generation = null,
    int Exploitations = 0,
    int Promotions = 0);
