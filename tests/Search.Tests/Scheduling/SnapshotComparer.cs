using HyperSweep.Search.Scheduling;

namespace HyperSweep.Search.Tests.Scheduling;

/// <summary>Scheduler snapshots are equal when every field and every rung is (a record compares its lists by reference).</summary>
internal sealed class SnapshotComparer : IEqualityComparer<SchedulerSnapshot>
{
    public static SnapshotComparer Instance { get; } = new();

    public bool Equals(SchedulerSnapshot? x, SchedulerSnapshot? y) =>
        x is not null && y is not null && (x.Name, x.Settings, x.Generation, x.Exploitations, x.Promotions) == (y.Name, y.Settings, y.Generation, y.Exploitations, y.Promotions)
        && x.Rungs.SequenceEqual(y.Rungs);

    public int GetHashCode(SchedulerSnapshot obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
}
