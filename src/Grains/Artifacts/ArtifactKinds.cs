namespace HyperSweep.Grains.Artifacts;

/// <summary>The kinds of artifacts, as file extensions.</summary>
public static class ArtifactKinds
{
    /// <summary>A trainer checkpoint: weights, optimizer buffers and progress, to resume from.</summary>
    public const string Checkpoint = "ckpt";

    /// <summary>A kept model file (.hsm, docs/MODELS.md): weights and everything needed to use them.</summary>
    public const string Model = "hsm";
}
