namespace HyperSweep.Contracts.Artifacts;

/// <summary>
/// Reads the artifact store for clients, which may not see the silos' filesystem (a laptop talking to a cluster):
/// a stateless worker on every silo (key 0).
/// </summary>
[Alias("HyperSweep.IArtifactGrain")]
public interface IArtifactGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="count"/> bytes of the artifact from <paramref name="offset"/>; fewer at its end.</summary>
    [Alias("Read")]
    Task<byte[]> Read(ArtifactRef artifact, long offset, int count);
}
