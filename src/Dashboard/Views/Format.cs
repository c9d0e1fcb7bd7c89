using System.Globalization;

namespace HyperSweep.Dashboard.Views;

/// <summary>How the pages write values: numbers in invariant culture, ages in the largest sensible unit.</summary>
public static class Format
{
    public static string Value(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    /// <summary>Round-trip exact (data attributes the tests compare with <c>trials --json</c>).</summary>
    public static string Exact(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string Scalar(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Parameters(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(" ", parameters.Select(p => $"{p.Key}={Scalar(p.Value)}"));

    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalSeconds < 90 ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
            : age.TotalMinutes < 90 ? $"{(int)age.TotalMinutes} min"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours} h"
            : $"{(int)age.TotalDays} d";
    }

    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";

    public static int Percent(int part, int whole) => whole <= 0 ? 100 : (int)Math.Round(100.0 * part / whole);
}
