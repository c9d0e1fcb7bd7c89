using System.Globalization;
using HyperSweep.Contracts;
using Spectre.Console;

namespace HyperSweep.Client;

/// <summary>
/// The leaderboard (run's and watch's end, top): the sweep's state and counts, why trials failed, the settings every
/// trial shares (once), then the ranked trials with the parameters that vary, and for kept models their test metric
/// (scored once, after the search) beside the dev value the ranking uses. A Spectre table on a terminal, aligned plain
/// text otherwise.
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

        var testMetric = TestCounterpart(status.Objective.Metric);
        var showTest = ranked.Any(t => t.TestMetrics is not null);
        var showKept = ranked.Any(t => t.Kept);
        if (showKept)
        {
            lines.Add("kept *: the trial's model is kept (hypersweep model ls)");
        }

        string Test(TrialSummary t) => t.TestMetrics is { } m && m.TryGetValue(testMetric, out var v) ? Formatting.Value(v) : "-";
        string Mark(TrialSummary t) => t.Kept ? "*" : "";
        if (rich is not null)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(header)).Caption(Markup.Escape(string.Join('\n', lines)));
            foreach (var column in new[] { "rank", "trial", "state", "epochs", status.Objective.Metric }.Concat(showTest ? [testMetric] : []).Concat(showKept ? ["kept"] : []).Append("parameters"))
            {
                table.AddColumn(Markup.Escape(column));
            }

            for (var i = 0; i < ranked.Count; i++)
            {
                var t = ranked[i];
                table.AddRow(
                    new[] { Int(i + 1), Int(t.Number), Formatting.State(t.State), Int(t.EpochsRun), Formatting.Value(t.BestValue) }
                        .Concat(showTest ? [Test(t)] : []).Concat(showKept ? [Mark(t)] : []).Append(Markup.Escape(columns.Varying(t))).ToArray());
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
        var testHeader = showTest ? string.Create(CultureInfo.InvariantCulture, $"{testMetric,14}  ") : "";
        var keptHeader = showKept ? "kept  " : "";
        plain.WriteLine(Fit(string.Create(CultureInfo.InvariantCulture, $"{"rank",4}  {"trial",5}  {"state",-9}  {"epochs",6}  {status.Objective.Metric.PadLeft(metricWidth)}  {testHeader}{keptHeader}parameters")));
        for (var i = 0; i < ranked.Count; i++)
        {
            var t = ranked[i];
            var test = showTest ? string.Create(CultureInfo.InvariantCulture, $"{Test(t),14}  ") : "";
            var kept = showKept ? $"{Mark(t),4}  " : "";
            plain.WriteLine(Fit(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {t.Number,5}  {Formatting.State(t.State),-9}  {t.EpochsRun,6}  {Formatting.Value(t.BestValue).PadLeft(metricWidth)}  {test}{kept}{columns.Varying(t)}")));
        }

        plain.Flush();
    }

    /// <summary>The test split's name for a dev metric: val_accuracy → test_accuracy (train_loss has none).</summary>
    public static string TestCounterpart(string metric) =>
        metric.StartsWith("val_", StringComparison.Ordinal) ? "test_" + metric["val_".Length..] : "test_loss";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fit(string line) =>
        line.Length <= Commands.TextTable.MaxWidth ? line.TrimEnd() : line[..(Commands.TextTable.MaxWidth - 1)] + "…";
}
