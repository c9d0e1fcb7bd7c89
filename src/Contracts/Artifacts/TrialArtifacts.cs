namespace HyperSweep.Contracts.Artifacts;

/// <summary>Every artifact a trial references now: what the garbage collector must not delete.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialArtifacts")]
public sealed record TrialArtifacts(
    [property: Id(0)] StoredCheckpoint? Latest,
    [property: Id(1)] StoredCheckpoint? Best,
    [property: Id(2)] ArtifactRef? Model)
{
    public IEnumerable<ArtifactRef> All() =>
        new[] { Latest?.Artifact, Best?.Artifact, Model }.OfType<ArtifactRef>();
}
