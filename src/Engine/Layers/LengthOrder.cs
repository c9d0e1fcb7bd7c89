namespace HyperSweep.Engine.Layers;

/// <summary>
/// A right-padded batch's rows ordered by length, longest first — the order PyTorch packs sequences in. In that order
/// the rows still running at step t are always the first <see cref="ActiveRows"/> of the batch, so a recurrent step
/// can compute those rows only (GEMMs and cell math over a prefix) and copy the rest: the padded positions cost nothing.
/// <see cref="Rnn"/> sorts its input by <see cref="Sort"/> and puts its outputs back by <see cref="Restore"/>; both are
/// row gathers in the graph, so gradients flow back to the original rows. The input projection, too, needs computing
/// for the real positions only (<see cref="RealPositions"/>, <see cref="SpreadOverSteps"/>).
/// </summary>
internal sealed class LengthOrder
{
    private readonly int[] _sortedLengths;
    private readonly int[] _order;     // sorted row i is original row _order[i]
    private readonly int[] _position;  // original row b is sorted row _position[b]

    private readonly int[] _realPositions;   // (b, t) of every real token in sorted order, as b·T + t; then −1s
    private readonly int[] _spread;          // for each b·T + t: its index in _realPositions, or −1 (padding)

    private LengthOrder(int[] sortedLengths, int[] order, int[] position, bool isIdentity, int steps)
    {
        _sortedLengths = sortedLengths;
        _order = order;
        _position = position;
        IsIdentity = isIdentity;
        _spread = new int[sortedLengths.Length * steps];
        Array.Fill(_spread, -1);
        var real = new List<int>();
        for (var b = 0; b < sortedLengths.Length; b++)
        {
            for (var t = 0; t < sortedLengths[b]; t++)
            {
                _spread[(b * steps) + t] = real.Count;
                real.Add((b * steps) + t);
            }
        }

        // Padded with empty rows (id −1: zeros) to a whole number of batch rows, so their count takes at most T values
        // across batches: the arena keeps buffers per exact size, and a count that differed from batch to batch would
        // have it keep new ones for every batch.
        var rows = sortedLengths.Length;
        var padded = rows == 0 ? 0 : (real.Count + rows - 1) / rows * rows;
        while (real.Count < padded)
        {
            real.Add(-1);
        }

        _realPositions = [.. real];
    }

    /// <summary>True when projecting <see cref="RealPositions"/> saves rows (at least one whole step's worth is padding).</summary>
    public bool HasPadding => _realPositions.Length < _spread.Length;

    /// <summary>True when the rows are already longest first (no gather needed).</summary>
    public bool IsIdentity { get; }

    /// <summary>
    /// The order of a mask [B·T] whose every row is real tokens then padding (1 … 1 0 … 0, nothing else); null for any
    /// other mask (a hole, padding on the left, a weight other than 0 or 1), which the step then blends row by row.
    /// </summary>
    public static LengthOrder? FromMask(float[] mask, int batch, int steps)
    {
        var lengths = new int[batch];
        for (var b = 0; b < batch; b++)
        {
            var row = mask.AsSpan(b * steps, steps);
            var length = row.IndexOfAnyExcept(1f);
            length = length < 0 ? steps : length;
            if (row[length..].IndexOfAnyExcept(0f) >= 0)
            {
                return null;
            }

            lengths[b] = length;
        }

        var order = new int[batch];
        for (var b = 0; b < batch; b++)
        {
            order[b] = b;
        }

        // Stable: rows of equal length keep their relative order, so a batch already sorted is the identity.
        var sortedOrder = order.OrderByDescending(b => lengths[b]).ToArray();
        var position = new int[batch];
        var isIdentity = true;
        for (var i = 0; i < batch; i++)
        {
            position[sortedOrder[i]] = i;
            isIdentity &= sortedOrder[i] == i;
        }

        var sortedLengths = sortedOrder.Select(b => lengths[b]).ToArray();
        return new LengthOrder(sortedLengths, sortedOrder, position, isIdentity, steps);
    }

    /// <summary>How many rows (in sorted order) still hold a real token at step <paramref name="t"/>.</summary>
    public int ActiveRows(int t)
    {
        var active = 0;
        while (active < _sortedLengths.Length && _sortedLengths[active] > t)
        {
            active++;
        }

        return active;
    }

    /// <summary>The rows of <paramref name="x"/> [B, …] in sorted order.</summary>
    public Tensor Sort(Tensor x) => Gather(x, _order);

    /// <summary>The rows of <paramref name="x"/> [B, …], given in sorted order, back in the batch's order.</summary>
    public Tensor Restore(Tensor x) => Gather(x, _position);

    /// <summary>The rows of the real positions of <paramref name="flat"/> [B·T, n] (sorted order), then zero rows up to a
    /// multiple of B: [N, n].</summary>
    public Tensor RealPositions(Tensor flat) => flat.Gather(_realPositions, _realPositions.Length);

    /// <summary>Rows per real position [N, n] (<see cref="RealPositions"/>' order) spread back over every position [B·T, n],
    /// padding as zeros.</summary>
    public Tensor SpreadOverSteps(Tensor perRealPosition) => perRealPosition.Gather(_spread, _spread.Length);

    private static Tensor Gather(Tensor x, int[] rows)
    {
        var flat = x.Rank == 2 ? x : x.Reshape(x.Dim(0), x.Size / x.Dim(0));
        var gathered = flat.Gather(rows, rows.Length);
        return x.Rank == 2 ? gathered : gathered.Reshape(x.Shape.ToArray());
    }
}
