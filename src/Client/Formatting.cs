using HyperSweep.Search;
using System.Globalization;
using HyperSweep.Contracts;

namespace HyperSweep.Client;

/// <summary>Invariant text forms shared by the plain and the rich views.</summary>
public static class Formatting
{
    public static string Value(double? value) =>
        value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    public static string Parameters(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(" ", parameters.Select(p => $"{p.Key}={Scalar(p.Value)}"));

    public static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string State(TrialState state) => state.ToString().ToLowerInvariant();

    public static string State(SweepState state) => state.ToString().ToLowerInvariant();

    public static string Counts(SweepStatus s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s.Finished}/{s.PlannedTrials} done (completed {s.Completed}, pruned {s.Pruned}, failed {s.Failed}, cancelled {s.Cancelled}), running {s.Running}");

    public static string Best(SweepStatus s) =>
        s.Best is { } best
            ? string.Create(CultureInfo.InvariantCulture, $"best {s.Objective.Metric}={Value(best.BestValue)} (trial {best.Number})")
            : "no result yet";
}
