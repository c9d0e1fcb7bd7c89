namespace HyperSweep.Contracts.Artifacts;

/// <summary>A checkpoint in the artifact store: the bytes' reference and the position in training they were taken at.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.StoredCheckpoint")]
public sealed record StoredCheckpoint(
    [property: Id(0)] ArtifactRef Artifact,
    [property: Id(1)] CheckpointPosition Position);
