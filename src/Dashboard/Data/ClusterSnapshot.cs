namespace HyperSweep.Dashboard.Data;

/// <summary>Every silo Orleans' membership knows (active first), as one read saw them.</summary>
public sealed record ClusterSnapshot(IReadOnlyList<SiloView> Silos, DateTimeOffset ReadAt)
{
    public int Capacity => Silos.Sum(s => s.Slots?.Capacity ?? 0);

    public int InUse => Silos.Sum(s => s.Slots?.InUse ?? 0);
}
