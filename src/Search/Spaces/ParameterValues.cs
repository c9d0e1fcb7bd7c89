using System.Globalization;

namespace HyperSweep.Search.Spaces;

/// <summary>
/// Helpers for parameter values. A value is one of: string, long, double, bool — the scalars a YAML spec
/// can hold and the Engine's ModelFactory accepts.
/// </summary>
public static class ParameterValues
{
    public static bool IsScalar(object? value) => value is string or long or double or bool;

    /// <summary>Value equality across numeric kinds (3 equals 3.0), used by conditions.</summary>
    public static bool AreEqual(object? left, object? right) => (left, right) switch
    {
        (long a, double b) => a == b,
        (double a, long b) => a == b,
        _ => Equals(left, right),
    };

    /// <summary>Invariant text form used in keys, messages and logs ("lr=0.001").</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
