namespace HyperSweep.Engine.Layers;

/// <summary>The state a recurrent cell carries: h [B, H], and for an LSTM also the memory c [B, H].</summary>
public sealed record CellState(Tensor Hidden, Tensor? Memory)
{
    /// <summary>
    /// A copy of the values, cut off from the graph (truncated BPTT: the next window starts from constants).
    /// Copied rather than shared so the state outlives the <see cref="TensorArena"/> step that computed it.
    /// </summary>
    public CellState Detach()
    {
        return new CellState(Copy(Hidden), Memory is null ? null : Copy(Memory));
    }

    private static Tensor Copy(Tensor t)
    {
        return new Tensor((float[])t.Data.Clone(), t.Shape.ToArray());
    }
}
