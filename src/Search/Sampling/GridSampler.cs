using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Sampling;

/// <summary>
/// The Cartesian product of the parameters' values, skipping inactive conditional parameters, in a stable
/// documented order: parameters in declaration order, the FIRST varying slowest (like nested loops, or
/// Python's itertools.product), each parameter's values in its own order (categorical: as listed; int and
/// stepped float: ascending). A parameter whose condition is false is simply absent, so no point is
/// repeated. Trial i takes point i; the coordinator creates each trial number once (its journal records every
/// ask before the trial starts), so no point runs twice and none is lost across restarts.
/// </summary>
public sealed class GridSampler : ISampler
{
    /// <summary>The default refusal limit; a spec raises it with strategy.max_grid_size.</summary>
    public const long DefaultMaxPoints = 10_000;

    /// <summary>The largest limit a spec may set: the grid is held in memory (≈ 0.5 KB a point).</summary>
    public const long LargestMaxPoints = 1_000_000;

    private readonly List<TrialParameters> _points = new();

    public GridSampler(SearchSpace space, long maxPoints = DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.FirstContinuousParameter is { } continuous)
        {
            throw new ArgumentException(
                $"parameter '{continuous.Name}' is a continuous float without a step: a grid cannot enumerate it (add a step or list values)",
                continuous.Name);
        }
        Space = space;
        foreach (var parameter in space.Parameters)
        {
            if (parameter.Domain.GridCount > maxPoints)
            {
                throw new ArgumentException(
                    $"parameter '{parameter.Name}' alone has {parameter.Domain.GridCount} values, more than the grid limit {maxPoints}; raise strategy.max_grid_size or use random search",
                    "max_grid_size");
            }
        }
        var gridValues = space.Parameters.Select(p => p.Domain.GridValues()!).ToArray();
        var assigned = new Dictionary<string, object>(StringComparer.Ordinal);
        var order = new List<KeyValuePair<string, object>>();
        Enumerate(0);
        Size = _points.Count;

        void Enumerate(int depth)
        {
            if (depth == space.Parameters.Count)
            {
                if (_points.Count >= maxPoints)
                {
                    throw new ArgumentException(
                        $"the grid has more than {maxPoints} points; raise strategy.max_grid_size or use random search", "max_grid_size");
                }
                _points.Add(new TrialParameters(order));
                return;
            }
            var parameter = space.Parameters[depth];
            if (parameter.When is { } condition && !condition.IsSatisfiedBy(assigned))
            {
                Enumerate(depth + 1);
                return;
            }
            foreach (var value in gridValues[depth])
            {
                assigned[parameter.Name] = value;
                order.Add(new KeyValuePair<string, object>(parameter.Name, value));
                Enumerate(depth + 1);
                order.RemoveAt(order.Count - 1);
                assigned.Remove(parameter.Name);
            }
        }
    }

    public SearchSpace Space { get; }

    public long? Size { get; }

    public IReadOnlyList<TrialParameters> Points => _points;

    public void OnTrialCreated(Study study, int trial)
    {
        // Stateless: a trial's parameters depend on its number only.
    }

    /// <summary>The parameters of trial <paramref name="trial"/>: <see cref="ParametersFor"/> its number.</summary>
    public TrialParameters Propose(Study study, int trial) => ParametersFor(trial);

    public TrialParameters ParametersFor(long index) =>
        index >= 0 && index < _points.Count
            ? _points[(int)index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"the grid has {_points.Count} points");
}
