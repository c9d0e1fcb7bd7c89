using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Importance;

/// <summary>
/// A parameter's domain cut into cells for density estimation: each choice of a categorical parameter is a cell; a
/// numeric range is cut into at most <see cref="ImportanceSettings.GridSteps"/> evenly spaced points (on the log scale
/// for log domains, never more than its stepped values), and a value belongs to the nearest point.
/// </summary>
internal sealed class DomainGrid
{
    private readonly ParameterDomain _domain;
    private readonly double _low;
    private readonly double _high;
    private readonly bool _log;

    private DomainGrid(ParameterDomain domain, int cells, bool categorical, double low = 0, double high = 0, bool log = false)
    {
        _domain = domain;
        Cells = cells;
        Categorical = categorical;
        (_low, _high, _log) = (low, high, log);
    }

    public int Cells { get; }

    public bool Categorical { get; }

    public static DomainGrid For(ParameterDomain domain, int steps) => domain switch
    {
        CategoricalDomain c => new DomainGrid(domain, c.Choices.Count, categorical: true),
        IntDomain i => Numeric(domain, i.Min, i.Max, i.Log, i.Log ? (int)Math.Ceiling(Math.Log2(i.Max - i.Min + 1)) + 1 : i.Count, steps),
        FloatDomain f => Numeric(domain, f.Min, f.Max, f.Log, f.Count, steps),
        _ => throw new ArgumentException($"no grid for a {domain.GetType().Name}", nameof(domain)),
    };

    /// <summary>The cell of a value, or null when it does not belong to the domain.</summary>
    public int? CellOf(object value)
    {
        if (_domain is CategoricalDomain categorical)
        {
            for (var i = 0; i < categorical.Choices.Count; i++)
            {
                if (ParameterValues.AreEqual(categorical.Choices[i], value))
                {
                    return i;
                }
            }

            return null;
        }

        double? number = value switch { long l => l, double d => d, int i => i, _ => null };
        if (number is not { } x || !double.IsFinite(x) || (_log && x <= 0))
        {
            return null;
        }

        if (Cells == 1 || _high == _low)
        {
            return 0;
        }

        var position = ((_log ? Math.Log(x) : x) - _low) / (_high - _low) * (Cells - 1);
        return (int)Math.Clamp(Math.Round(position, MidpointRounding.AwayFromZero), 0, Cells - 1);
    }

    private static DomainGrid Numeric(ParameterDomain domain, double min, double max, bool log, long? values, int steps)
    {
        var cells = (int)Math.Max(1, Math.Min(steps, values ?? steps));
        return new DomainGrid(domain, cells, categorical: false, log ? Math.Log(min) : min, log ? Math.Log(max) : max, log);
    }
}
