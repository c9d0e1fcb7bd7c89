using System.Globalization;
using HyperSweep.Contracts;
using Spectre.Console;

namespace HyperSweep.Client;

/// <summary>The end-of-run leaderboard: a Spectre table on a terminal, aligned plain text otherwise.</summary>
public static class Leaderboard
{
    public static void Print(SweepStatus status, IReadOnlyList<TrialSummary> ranked, IAnsiConsole? rich, TextWriter plain)
    {
        var header = $"{status.Name} ({status.SweepId}): {Formatting.State(status.State)}" + (status.Reason is null ? "" : $" ({status.Reason})");
        var summary = $"{Formatting.Counts(status)}; objective: {status.Objective}";
        // The kept models' test metrics (scored once, after the search) beside the dev value the ranking uses.
        var testMetric = TestCounterpart(status.Objective.Metric);
        var showTest = ranked.Any(t => t.TestMetrics is not null);
        string Test(TrialSummary t) => t.TestMetrics is { } m && m.TryGetValue(testMetric, out var v) ? Formatting.Value(v) : "-";
        string Mark(TrialSummary t) => t.Kept ? "*" : "";
        var showKept = ranked.Any(t => t.Kept);
        if (rich is not null)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(header)).Caption(Markup.Escape(summary));
            foreach (var column in new[] { "rank", "trial", "state", "epochs", status.Objective.Metric }.Concat(showTest ? [testMetric] : []).Concat(showKept ? ["kept"] : []).Append("parameters"))
            {
                table.AddColumn(Markup.Escape(column));
            }

            for (var i = 0; i < ranked.Count; i++)
            {
                var t = ranked[i];
                table.AddRow(
                    new[]
                    {
                        (i + 1).ToString(CultureInfo.InvariantCulture),
                        t.Number.ToString(CultureInfo.InvariantCulture),
                        Formatting.State(t.State),
                        t.EpochsRun.ToString(CultureInfo.InvariantCulture),
                        Formatting.Value(t.BestValue),
                    }.Concat(showTest ? [Test(t)] : []).Concat(showKept ? [Mark(t)] : []).Append(Markup.Escape(Formatting.Parameters(t.Parameters))).ToArray());
            }

            rich.Write(table);
            return;
        }

        plain.WriteLine(header);
        plain.WriteLine(summary);
        var testHeader = showTest ? string.Create(CultureInfo.InvariantCulture, $"{testMetric,14}  ") : "";
        var keptHeader = showKept ? "kept  " : "";
        plain.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"rank",4}  {"trial",5}  {"state",-9}  {"epochs",6}  {status.Objective.Metric,12}  {testHeader}{keptHeader}parameters"));
        for (var i = 0; i < ranked.Count; i++)
        {
            var t = ranked[i];
            var test = showTest ? string.Create(CultureInfo.InvariantCulture, $"{Test(t),14}  ") : "";
            var kept = showKept ? $"{Mark(t),4}  " : "";
            plain.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {t.Number,5}  {Formatting.State(t.State),-9}  {t.EpochsRun,6}  {Formatting.Value(t.BestValue),12}  {test}{kept}{Formatting.Parameters(t.Parameters)}"));
        }

        if (showKept)
        {
            plain.WriteLine("kept *: the trial's model is kept (hypersweep model ls)");
        }

        plain.Flush();
    }

    /// <summary>The test split's name for a dev metric: val_accuracy → test_accuracy (train_loss has none).</summary>
    public static string TestCounterpart(string metric) =>
        metric.StartsWith("val_", StringComparison.Ordinal) ? "test_" + metric["val_".Length..] : "test_loss";
}
