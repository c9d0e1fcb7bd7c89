using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Replay;

/// <summary>
/// A recorded sweep or a table used as a benchmark: a proposal is answered with the value of the nearest recorded
/// configuration (<see cref="ConfigurationDistance"/>; an exact match first, ties go to the row listed first).
/// </summary>
public sealed class TabularBenchmark
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);

    public TabularBenchmark(SearchSpace space, IReadOnlyList<TableRow> rows, StudyDirection direction, string objective = "objective")
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("a tabular benchmark needs at least one row", nameof(rows));
        }
        if (rows.Any(r => double.IsNaN(r.Value)))
        {
            throw new ArgumentException("every row needs an objective value (NaN found)", nameof(rows));
        }
        Space = space;
        Rows = rows;
        Direction = direction;
        Objective = objective;
        for (var i = 0; i < rows.Count; i++)
        {
            _exact.TryAdd(Canonical(rows[i].Parameters), i);
        }
        BestValue = direction == StudyDirection.Maximize ? rows.Max(r => r.Value) : rows.Min(r => r.Value);
    }

    public SearchSpace Space { get; }

    public IReadOnlyList<TableRow> Rows { get; }

    public StudyDirection Direction { get; }

    public string Objective { get; }

    /// <summary>The best value any recorded configuration reached.</summary>
    public double BestValue { get; }

    /// <summary>The row answering <paramref name="proposal"/>: the nearest recorded configuration.</summary>
    public TableRow Nearest(TrialParameters proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (_exact.TryGetValue(Canonical(proposal), out var exact))
        {
            return Rows[exact];
        }
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var i = 0; i < Rows.Count; i++)
        {
            var distance = ConfigurationDistance.Between(Space, proposal, Rows[i].Parameters);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (i, distance);
            }
        }
        return Rows[best];
    }

    /// <summary>Whether <paramref name="candidate"/> is at least as good as <paramref name="reference"/>.</summary>
    public bool AtLeastAsGood(double candidate, double reference) =>
        Direction == StudyDirection.Maximize ? candidate >= reference : candidate <= reference;

    /// <summary>A key of the space's parameters only, in space order, with numbers compared by value (3 = 3.0).</summary>
    private string Canonical(TrialParameters parameters) =>
        string.Join("|", Space.Parameters.Select(p => parameters.TryGetValue(p.Name, out var v) ? $"{p.Name}={Format(v)}" : $"{p.Name}~"));

    private static string Format(object value) => value switch
    {
        long l => ((double)l).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        int i => ((double)i).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => ParameterValues.Format(value),
    };
}
