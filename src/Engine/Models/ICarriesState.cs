using HyperSweep.Engine.Layers;

namespace HyperSweep.Engine.Models;

/// <summary>
/// A model that carries state from one training batch to the next within an epoch (the language model's truncated
/// BPTT hidden state). A mid-epoch checkpoint stores it, so a run resumed at batch k starts batch k+1 from exactly the
/// state the uninterrupted run had; at an epoch boundary it is reset and there is nothing to store.
/// </summary>
public interface ICarriesState
{
    /// <summary>The state the next batch starts from (null: zeros).</summary>
    IReadOnlyList<CellState>? State { get; set; }
}
