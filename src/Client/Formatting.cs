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
            $"{s.Finished}/{s.PlannedTrials} done (completed {s.Completed}, pruned {s.Pruned}, failed {s.Failed}, cancelled {s.Cancelled}), running {s.Running}")
        + (s.Paused > 0 || s.Scheduler is not null ? string.Create(CultureInfo.InvariantCulture, $", paused {s.Paused}") : "");

    /// <summary>
    /// One line for a sweep's scheduler: its settings and, per rung, "rung k @step: recorded/promoted/paused" (ASHA,
    /// Hyperband) or the generation and exploitations (PBT); null for a plain pruner.
    /// </summary>
    public static string? Scheduler(SweepStatus s)
    {
        if (s.Scheduler is not { } scheduler)
        {
            return null;
        }

        var rungs = scheduler.Rungs.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{(r.Bracket > 0 || scheduler.Rungs.Any(x => x.Bracket > 0) ? $"b{r.Bracket} " : "")}rung {r.Rung} @{r.Step}: {r.Recorded} recorded, {r.Promoted} promoted, {r.Paused} paused"));
        var detail = scheduler.Generation is { } generation
            ? string.Create(CultureInfo.InvariantCulture, $"generation {generation}, {scheduler.Exploitations} exploitations")
            : string.Create(CultureInfo.InvariantCulture, $"{scheduler.Promotions} promotions; {string.Join("; ", rungs)}");
        return $"scheduler: {scheduler.Name} ({scheduler.Settings}): {detail}";
    }

    /// <summary>A trial's place under a rung-based scheduler or PBT, in a few words ("rung 1, promoted 2×", "from trial 3 after epoch 4").</summary>
    public static string Scheduling(TrialSummary t)
    {
        var parts = new List<string>();
        if (t.Rung is { } rung)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"rung {rung}"));
        }

        if (t.Promotions > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"promoted {t.Promotions}x"));
        }

        if (t.Lineage is { Count: > 0 } lineage)
        {
            parts.Add(string.Join(", ", lineage.Select(l => string.Create(CultureInfo.InvariantCulture, $"from trial {l.Donor} after epoch {l.Epoch}"))));
        }

        return string.Join(", ", parts);
    }

    /// <summary>One lineage entry: whose checkpoint, after which epoch, and the parameters that changed.</summary>
    public static string Lineage(LineageEntry entry)
    {
        var changed = entry.After.Where(p => !entry.Before.TryGetValue(p.Key, out var before) || !Equals(before, p.Value))
            .Select(p => $"{p.Key} {(entry.Before.TryGetValue(p.Key, out var b) ? Scalar(b) : "-")} -> {Scalar(p.Value)}");
        return string.Create(CultureInfo.InvariantCulture,
            $"after epoch {entry.Epoch} continued from trial {entry.Donor}'s checkpoint{(entry.Adopted ? "" : " (adoption pending)")}: {string.Join(", ", changed)}");
    }

    public static string Best(SweepStatus s) =>
        s.Best is { } best
            ? string.Create(CultureInfo.InvariantCulture, $"best {s.Objective.Metric}={Value(best.BestValue)} (trial {best.Number})")
            : "no result yet";
}
