namespace HyperSweep.Grains.Artifacts;

/// <summary>An artifact that cannot be used: missing, or its content does not match its reference (corrupt, truncated).</summary>
public sealed class ArtifactException(string message, Exception? inner = null) : Exception(message, inner);
