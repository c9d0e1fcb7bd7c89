namespace HyperSweep.Search.Spaces;

/// <summary>
/// An ordered set of named parameters. Order matters: a condition may refer only to parameters declared
/// before it (so conditions can never form a cycle), the grid varies the first parameter slowest, and
/// <see cref="TrialParameters"/> list parameters in this order.
/// </summary>
public sealed class SearchSpace
{
    public SearchSpace(IEnumerable<SearchParameter> parameters)
    {
        Parameters = parameters.ToArray();
        var seen = new Dictionary<string, SearchParameter>(StringComparer.Ordinal);
        foreach (var parameter in Parameters)
        {
            if (string.IsNullOrWhiteSpace(parameter.Name))
            {
                throw new ArgumentException("a parameter needs a name", nameof(parameters));
            }
            if (seen.ContainsKey(parameter.Name))
            {
                throw new ArgumentException($"parameter '{parameter.Name}' is declared twice", nameof(parameters));
            }
            foreach (var (name, allowed) in parameter.When?.Requirements ?? new Dictionary<string, IReadOnlyList<object>>())
            {
                if (!seen.TryGetValue(name, out var earlier))
                {
                    throw new ArgumentException(
                        $"parameter '{parameter.Name}': condition refers to '{name}', which is not a parameter declared before it", nameof(parameters));
                }
                foreach (var value in allowed)
                {
                    if (!earlier.Domain.Contains(value))
                    {
                        throw new ArgumentException(
                            $"parameter '{parameter.Name}': condition value '{ParameterValues.Format(value)}' is not a possible value of '{name}'", nameof(parameters));
                    }
                }
            }
            seen.Add(parameter.Name, parameter);
        }
    }

    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>The first parameter that a grid cannot enumerate (an unstepped float), or null.</summary>
    public SearchParameter? FirstContinuousParameter => Parameters.FirstOrDefault(p => p.Domain.GridCount is null);
}
