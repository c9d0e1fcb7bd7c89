namespace HyperSweep.Engine.Layers;

/// <summary>The state a recurrent cell carries: h [B, H], and for an LSTM also the memory c [B, H].</summary>
public sealed record CellState(Tensor Hidden, Tensor? Memory)
{
    /// <summary>The same values cut off from the graph (truncated BPTT: the next window starts from constants).</summary>
    public CellState Detach()
    {
        return new CellState(Hidden.Detach(), Memory?.Detach());
    }
}
