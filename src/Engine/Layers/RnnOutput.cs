namespace HyperSweep.Engine.Layers;

/// <summary>
/// What an <see cref="Rnn"/> returns: the top layer's outputs [B, T, D·H] (forward then backward half) and the
/// final state of every layer and direction, indexed layer·D + direction (0 = forward, 1 = backward).
/// A direction's final state is the one after its last processed real token (t = len−1 forward, t = 0 backward).
/// </summary>
public sealed record RnnOutput(Tensor Outputs, IReadOnlyList<CellState> Final);
