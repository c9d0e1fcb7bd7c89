namespace HyperSweep.Contracts.Artifacts;

/// <summary>The artifact store's garbage collector (key 0): deletes files no sweep or trial references, e.g. after crashes.</summary>
[Alias("HyperSweep.IArtifactCollectorGrain")]
public interface IArtifactCollectorGrain : IGrainWithIntegerKey
{
    [Alias("Collect")]
    Task<GarbageReport> Collect(GarbageRequest request);
}
