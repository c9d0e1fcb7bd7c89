using System.Globalization;
using System.Text.RegularExpressions;
using HyperSweep.Contracts;
using HyperSweep.Search;

namespace HyperSweep.Client;

/// <summary>
/// Invariant text forms for people, shared by the plain and the rich views: numbers to 3-4 significant digits
/// (<c>lr=0.00131</c>, <c>best so far 0.497 &lt; 50th percentile 0.842</c>). Full precision stays in --json and export.
/// </summary>
public static partial class Formatting
{
    /// <summary>A metric value: up to 4 decimals (accuracies, losses), "-" when there is none.</summary>
    public static string Value(double? value) => value switch
    {
        null => "-",
        { } v when double.IsNaN(v) => "nan",
        { } v when v != 0 && Math.Abs(v) < 0.001 => Short(v),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>name=value pairs of <paramref name="parameters"/>, in their order.</summary>
    public static string Parameters(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(" ", parameters.Select(p => $"{p.Key}={Scalar(p.Value)}"));

    /// <summary>A parameter value for people: doubles to 3 significant digits.</summary>
    public static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => Short(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A value written back exactly (round trip): what --json, export and trial files hold.</summary>
    public static string Exact(object? value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Scalar(value),
    };

    /// <summary>3 significant digits; an exponent only far from 1 (1e-05, 2.5e+06).</summary>
    public static string Short(double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value);
        return magnitude is < 1e-4 or >= 1e6
            ? value.ToString("0.##e+0", CultureInfo.InvariantCulture)
            : value.ToString("G3", CultureInfo.InvariantCulture);
    }

    /// <summary>A reason (pruning explanation, failure message) on one line, its long decimals shortened.</summary>
    public static string Reason(string? reason) =>
        reason is null ? "" : LongDecimal().Replace(Cli.ErrorText.FirstLine(reason), m => Short(double.Parse(m.Value, CultureInfo.InvariantCulture)));

    /// <summary>A silo for a table: without the Orleans generation suffix, and "local" for a silo on this machine's loopback.</summary>
    public static string Silo(string? silo)
    {
        if (silo is null)
        {
            return "-";
        }

        var address = silo.Split('@')[0];
        return address.StartsWith("127.", StringComparison.Ordinal) || address.StartsWith("[::1]", StringComparison.Ordinal) ? "local" : address;
    }

    public static string State(TrialState state) => state.ToString().ToLowerInvariant();

    public static string State(SweepState state) => state.ToString().ToLowerInvariant();

    /// <summary>"9/16 done (5 completed, 3 pruned, 1 failed), 2 running": counts that are zero are left out, except completed.</summary>
    public static string Counts(SweepStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var parts = new List<string> { $"{s.Completed} completed" };
        parts.AddRange(new[] { (s.Pruned, "pruned"), (s.Failed, "failed"), (s.Cancelled, "cancelled") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}"));
        return string.Create(CultureInfo.InvariantCulture, $"{s.Finished}/{s.PlannedTrials} done ({string.Join(", ", parts)})")
            + (s.Running > 0 ? string.Create(CultureInfo.InvariantCulture, $", {s.Running} running") : "");
    }

    public static string Best(SweepStatus s) =>
        s.Best is { } best
            ? string.Create(CultureInfo.InvariantCulture, $"best {s.Objective.Metric}={Value(best.BestValue)} (trial {best.Number})")
            : "no result yet";

    /// <summary>A duration as 45s, 3m05s or 2h07m.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalSeconds)}s")
        : span.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m");

    [GeneratedRegex(@"(?<![\w.])-?\d+\.\d{5,}(?:[eE][-+]?\d+)?")]
    private static partial Regex LongDecimal();
}
