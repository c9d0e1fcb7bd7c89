namespace HyperSweep.Search.Pruning;

/// <summary>
/// A sorted multiset of non-NaN doubles. Insertion is a binary search plus one block move, and any order
/// statistic is O(1), so a percentile or a rung cut-off costs the same with 10 or 10,000 trials.
/// </summary>
internal sealed class SortedValues
{
    private readonly List<double> _values = new();

    public int Count => _values.Count;

    public double this[int index] => _values[index];

    public void Add(double value)
    {
        var position = _values.BinarySearch(value);
        _values.Insert(position >= 0 ? position : ~position, value);
    }

    public bool Remove(double value)
    {
        var position = _values.BinarySearch(value);
        if (position < 0)
        {
            return false;
        }
        _values.RemoveAt(position);
        return true;
    }

    /// <summary>Index of one element equal to <paramref name="value"/>, or -1.</summary>
    public int IndexOf(double value)
    {
        var position = _values.BinarySearch(value);
        return position >= 0 ? position : -1;
    }
}
