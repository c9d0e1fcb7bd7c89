using System.Text.Json;
using HyperSweep.Contracts;
using HyperSweep.Search;

namespace HyperSweep.Client;

/// <summary>
/// Why a sweep's trials failed, grouped by reason: "8 trials failed: parameters.lr: must be > 0, got -1 (trials 0, 2,
/// 4, …)". What run and watch print under the leaderboard, and the <c>failures</c> array of their --json.
/// </summary>
public static class FailureSummary
{
    /// <summary>The failed trials grouped by reason, the largest group first.</summary>
    public static IReadOnlyList<(string Reason, IReadOnlyList<int> Trials)> Groups(IEnumerable<TrialSummary> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return trials.Where(t => t.State == TrialState.Failed)
            .GroupBy(t => t.Reason ?? "no reason recorded")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(t => t.Number))
            .Select(g => (g.Key, (IReadOnlyList<int>)g.Select(t => t.Number).Order().ToList()))
            .ToList();
    }

    /// <summary>One line per reason (at most three, then how many more), nothing when no trial failed.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<TrialSummary> trials)
    {
        var groups = Groups(trials);
        var lines = groups.Take(3).Select(g =>
            $"{Count(g.Trials.Count)} failed: {Formatting.Reason(g.Reason)} ({TrialList(g.Trials)})").ToList();
        if (groups.Count > 3)
        {
            lines.Add($"… and {groups.Count - 3} other failure reasons (hypersweep trials shows each trial's)");
        }

        return lines;
    }

    /// <summary>The <c>failures</c> array: [{reason, count, trials}], full reasons.</summary>
    public static void WriteJson(Utf8JsonWriter json, IEnumerable<TrialSummary> trials)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray("failures");
        foreach (var (reason, numbers) in Groups(trials))
        {
            json.WriteStartObject();
            json.WriteString("reason", reason);
            json.WriteNumber("count", numbers.Count);
            json.WriteStartArray("trials");
            foreach (var n in numbers)
            {
                json.WriteNumberValue(n);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Count(int n) => n == 1 ? "1 trial" : $"{n} trials";

    private static string TrialList(IReadOnlyList<int> numbers) =>
        (numbers.Count == 1 ? "trial " : "trials ") + string.Join(", ", numbers.Take(6)) + (numbers.Count > 6 ? ", …" : "");
}
