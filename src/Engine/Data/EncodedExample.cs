namespace HyperSweep.Engine.Data;

/// <summary>A sentence as vocabulary ids with its class label (-1 where there is none, as in a language-model set).</summary>
public sealed record EncodedExample(int[] TokenIds, int Label);
