namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// Optuna's persistent group list for <c>group=True</c> (TPE-TRACES.md 4.2): disjoint sets of parameters, refined
/// by every finished trial's parameter set D (each group g becomes g∩D and g−D, what is left of D is appended, empty
/// sets dropped). Re-adding a trial changes nothing, but the ORDER of the list depends on when trials were added,
/// so it is kept across asks, never rebuilt (pitfall 19).
/// </summary>
internal sealed class GroupDecomposition
{
    private List<HashSet<int>> _groups = new();

    /// <summary>Refines the groups with one trial's parameters (indices into the TPE parameter list).</summary>
    public void Add(IReadOnlySet<int> present)
    {
        var remaining = new HashSet<int>(present);
        var next = new List<HashSet<int>>();
        foreach (var group in _groups)
        {
            var inside = new HashSet<int>(group);
            inside.IntersectWith(remaining);
            var outside = new HashSet<int>(group);
            outside.ExceptWith(remaining);
            next.Add(inside);
            next.Add(outside);
            remaining.ExceptWith(group);
        }
        next.Add(remaining);
        _groups = next.Where(g => g.Count > 0).ToList();
    }

    /// <summary>The groups in list order, each as parameter indices sorted by the parameters' names (ordinal).</summary>
    public IReadOnlyList<int[]> Groups(IReadOnlyList<TpeParameter> parameters) =>
        _groups.Select(g => g.OrderBy(i => parameters[i].Name, StringComparer.Ordinal).ToArray()).ToList();
}
