namespace HyperSweep.Engine.Data;

/// <summary>One tokenised sentence and its class label (0-based).</summary>
public sealed record ClassificationExample(IReadOnlyList<string> Tokens, int Label);
