using System.Globalization;
using HyperSweep.Contracts;
using Spectre.Console;

namespace HyperSweep.Client;

/// <summary>
/// The leaderboard (run's and watch's end, top): the sweep's state and counts, why trials failed, the settings every
/// trial shares (once), then the ranked trials with the parameters that vary. A Spectre table on a terminal, aligned
/// plain text otherwise.
/// </summary>
public static class Leaderboard
{
    /// <param name="status">The sweep.</param>
    /// <param name="ranked">The rows to show, best first.</param>
    /// <param name="trials">Every trial of the sweep (what is shared, what failed).</param>
    /// <param name="rich">A Spectre console, or null for plain text.</param>
    /// <param name="plain">Where plain text goes.</param>
    public static void Print(SweepStatus status, IReadOnlyList<TrialSummary> ranked, IReadOnlyList<TrialSummary> trials, IAnsiConsole? rich, TextWriter plain)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(ranked);
        var header = $"{status.Name} ({status.SweepId}): {Formatting.State(status.State)}" + (status.Reason is null ? "" : $" ({Formatting.Reason(status.Reason)})");
        var lines = new List<string> { $"{Formatting.Counts(status)}; objective: {status.Objective}" };
        lines.AddRange(FailureSummary.Lines(trials));
        var columns = ParameterColumns.Of(trials);
        if (columns.SharedLine is { } shared)
        {
            lines.Add(shared);
        }

        if (rich is not null)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(header)).Caption(Markup.Escape(string.Join('\n', lines)));
            foreach (var column in new[] { "rank", "trial", "state", "epochs", status.Objective.Metric, "parameters" })
            {
                table.AddColumn(Markup.Escape(column));
            }

            for (var i = 0; i < ranked.Count; i++)
            {
                var t = ranked[i];
                table.AddRow(Int(i + 1), Int(t.Number), Formatting.State(t.State), Int(t.EpochsRun), Formatting.Value(t.BestValue), Markup.Escape(columns.Varying(t)));
            }

            rich.Write(table);
            return;
        }

        plain.WriteLine(header);
        foreach (var line in lines)
        {
            plain.WriteLine(line);
        }

        var metricWidth = Math.Max(8, status.Objective.Metric.Length);
        plain.WriteLine(Fit(string.Create(CultureInfo.InvariantCulture, $"{"rank",4}  {"trial",5}  {"state",-9}  {"epochs",6}  {status.Objective.Metric.PadLeft(metricWidth)}  parameters")));
        for (var i = 0; i < ranked.Count; i++)
        {
            var t = ranked[i];
            plain.WriteLine(Fit(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {t.Number,5}  {Formatting.State(t.State),-9}  {t.EpochsRun,6}  {Formatting.Value(t.BestValue).PadLeft(metricWidth)}  {columns.Varying(t)}")));
        }

        plain.Flush();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fit(string line) =>
        line.Length <= Commands.TextTable.MaxWidth ? line.TrimEnd() : line[..(Commands.TextTable.MaxWidth - 1)] + "…";
}
