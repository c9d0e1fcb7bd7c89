namespace HyperSweep.Engine.Layers;

/// <summary>The recurrent cell of an <see cref="Rnn"/>.</summary>
public enum CellKind
{
    Elman,
    Lstm,
    Gru,
}
