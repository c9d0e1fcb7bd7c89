using System.Globalization;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Replay;

/// <summary>
/// The search space of a table whose space is not given: per column, numbers become a range (integers: an int range
/// whose step is the gcd of the gaps; log scale when min &gt; 0 and max/min ≥ 100), anything else a categorical of the
/// values in order of first appearance. A column with a single value is left out (it cannot be searched). Also turns
/// cell text into the scalars a spec holds, and recorded values into a given space's types.
/// </summary>
public static class TableSpace
{
    private const double LogRatio = 100;

    public static SearchSpace Infer(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, object>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var parameters = new List<SearchParameter>();
        foreach (var column in columns)
        {
            var values = rows.Where(r => r.ContainsKey(column)).Select(r => r[column]).ToList();
            var distinct = new List<object>();
            foreach (var value in values.Where(v => !distinct.Any(d => ParameterValues.AreEqual(d, v))))
            {
                distinct.Add(value);
            }
            if (distinct.Count < 2)
            {
                continue;
            }
            parameters.Add(new SearchParameter(column, Domain(distinct)));
        }
        return new SearchSpace(parameters);
    }

    /// <summary>A cell as a scalar: empty is absent (null), then bool, integer, number, text.</summary>
    public static object? Scalar(string cell)
    {
        var text = cell.Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
    }

    /// <summary>A recorded value in <paramref name="domain"/>'s type (an int column read as 3.0 becomes 3, a choice matches by value).</summary>
    public static object Coerce(ParameterDomain domain, object value) => (domain, value) switch
    {
        (FloatDomain, long l) => (double)l,
        (IntDomain, double d) when d == Math.Floor(d) => (long)d,
        (CategoricalDomain c, _) => c.Choices.FirstOrDefault(choice => ParameterValues.AreEqual(choice, value)
            || ParameterValues.Format(choice) == ParameterValues.Format(value)) ?? value,
        _ => value,
    };

    private static ParameterDomain Domain(List<object> distinct)
    {
        if (distinct.All(v => v is long))
        {
            var numbers = distinct.Cast<long>().ToList();
            var (min, max) = (numbers.Min(), numbers.Max());
            var step = numbers.Aggregate(0L, (gcd, v) => Gcd(gcd, v - min));
            var log = min >= 1 && (double)max / min >= LogRatio;
            return new IntDomain(min, max, log ? 1 : Math.Max(1, step), log);
        }
        if (distinct.All(v => v is long or double))
        {
            var numbers = distinct.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList();
            var (min, max) = (numbers.Min(), numbers.Max());
            return new FloatDomain(min, max, log: min > 0 && max / min >= LogRatio);
        }
        return new CategoricalDomain(distinct);
    }

    private static long Gcd(long a, long b) => b == 0 ? Math.Abs(a) : Gcd(b, a % b);
}
