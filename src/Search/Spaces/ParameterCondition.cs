namespace HyperSweep.Search.Spaces;

/// <summary>
/// "Active only when …": every named parameter must be active and take one of the listed values
/// (e.g. <c>when: {arch: rnn}</c> or <c>when: {cell: [lstm, gru]}</c>).
/// </summary>
public sealed record ParameterCondition(IReadOnlyDictionary<string, IReadOnlyList<object>> Requirements)
{
    public bool IsSatisfiedBy(IReadOnlyDictionary<string, object> assigned)
    {
        foreach (var (name, allowed) in Requirements)
        {
            if (!assigned.TryGetValue(name, out var value) || !allowed.Any(a => ParameterValues.AreEqual(a, value)))
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() =>
        string.Join(" and ", Requirements.Select(r => $"{r.Key} in [{string.Join(", ", r.Value.Select(ParameterValues.Format))}]"));
}
