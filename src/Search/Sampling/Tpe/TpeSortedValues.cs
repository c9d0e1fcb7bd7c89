namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// One numeric parameter's recorded values in the estimator's space, kept sorted by (value, trial) as trials are
/// recorded, with each value's history position: a decision reads its components in value order with one linear
/// walk over two arrays instead of sorting.
/// </summary>
internal sealed class TpeSortedValues
{
    private readonly List<double> _values = new();
    private readonly List<int> _positions = new();

    public int Count => _values.Count;

    public ReadOnlySpan<int> Positions => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_positions);

    /// <summary>Inserts a value; positions follow trial-number order, so equal values stay in trial order.</summary>
    public void Add(double value, int position)
    {
        int low = 0, high = _values.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_values[middle] < value || (_values[middle] == value && _positions[middle] < position))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        _values.Insert(low, value);
        _positions.Insert(low, position);
    }
}
