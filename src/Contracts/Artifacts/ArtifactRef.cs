namespace HyperSweep.Contracts.Artifacts;

/// <summary>
/// A file in the artifact store (docs/ARTIFACTS.md): its path relative to the store's root, the XxHash128 of its
/// content (hex; also its file name: the store is content-addressed) and its length. Grain state keeps only this;
/// every read checks the content against <see cref="Hash"/> and <see cref="Length"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.ArtifactRef")]
public sealed record ArtifactRef(
    [property: Id(0)] string Path,
    [property: Id(1)] string Hash,
    [property: Id(2)] long Length);
