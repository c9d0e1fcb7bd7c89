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
        if (rich is not null)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(header)).Caption(Markup.Escape(summary));
            foreach (var column in new[] { "rank", "trial", "state", "epochs", status.Objective.Metric, "parameters" })
            {
                table.AddColumn(Markup.Escape(column));
            }

            for (var i = 0; i < ranked.Count; i++)
            {
                var t = ranked[i];
                table.AddRow(
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    t.Number.ToString(CultureInfo.InvariantCulture),
                    Formatting.State(t.State),
                    t.EpochsRun.ToString(CultureInfo.InvariantCulture),
                    Formatting.Value(t.BestValue),
                    Markup.Escape(Formatting.Parameters(t.Parameters)));
            }

            rich.Write(table);
            return;
        }

        plain.WriteLine(header);
        plain.WriteLine(summary);
        plain.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"rank",4}  {"trial",5}  {"state",-9}  {"epochs",6}  {status.Objective.Metric,12}  parameters"));
        for (var i = 0; i < ranked.Count; i++)
        {
            var t = ranked[i];
            plain.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {t.Number,5}  {Formatting.State(t.State),-9}  {t.EpochsRun,6}  {Formatting.Value(t.BestValue),12}  {Formatting.Parameters(t.Parameters)}"));
        }

        plain.Flush();
    }
}
