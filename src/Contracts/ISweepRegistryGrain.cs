namespace HyperSweep.Contracts;

/// <summary>The list of sweeps in a cluster (single activation, key 0). Coordinators keep their entry current.</summary>
[Alias("HyperSweep.ISweepRegistryGrain")]
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Upsert")]
    Task Upsert(SweepEntry entry);

    [Alias("List")]
    Task<IReadOnlyList<SweepEntry>> List();

    /// <summary>Sweeps with exactly this name, newest first.</summary>
    [Alias("FindByName")]
    Task<IReadOnlyList<SweepEntry>> FindByName(string name);

    /// <summary>Ids of sweeps that are not final (running or paused): the ones to wake after a restart.</summary>
    [Alias("ListUnfinished")]
    Task<IReadOnlyList<string>> ListUnfinished();
}
