namespace HyperSweep.Engine.Data;

/// <summary>
/// Fixed-size context windows for a feed-forward (NPLM) language model: row b's context is
/// <c>Contexts[b * Context .. (b + 1) * Context)</c>, oldest word first, and its next word is <c>Targets[b]</c>.
/// </summary>
public sealed record NgramBatch(int BatchSize, int Context, int[] Contexts, int[] Targets);
