namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// One numeric parameter's observed values in the estimator's space, kept sorted (value, then trial number) as
/// trials are recorded: a decision reads its components in value order with one linear walk instead of sorting.
/// </summary>
internal sealed class TpeSortedValues
{
    private readonly List<(double Value, TpeEntry Entry)> _items = new();

    public int Count => _items.Count;

    public (double Value, TpeEntry Entry) this[int index] => _items[index];

    public void Add(double value, TpeEntry entry)
    {
        int low = 0, high = _items.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var (v, e) = _items[middle];
            if (v < value || (v == value && e.Number < entry.Number))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        _items.Insert(low, (value, entry));
    }
}
