using HyperSweep.Contracts;
using ScottPlot;

namespace HyperSweep.Client.Plotting;

/// <summary>Horizontal bars of hyper-parameter importance, most important on top, conditional parameters labelled with their condition.</summary>
public static class ImportanceChart
{
    public static void Save(ImportanceReport report, string title, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var entries = report.Parameters;
        var count = entries.Count;
        for (var i = 0; i < count; i++)
        {
            var bar = plot.Add.Bar(new Bar
            {
                Position = count - 1 - i,
                Value = entries[i].Importance,
                Orientation = Orientation.Horizontal,
                FillColor = entries[i].Condition is null ? Colors.SteelBlue : Colors.DarkOrange,
                Label = entries[i].Importance.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
            });
            bar.ValueLabelStyle.FontSize = 14;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, count).Select(i => (double)(count - 1 - i))],
            [.. entries.Select(e => e.Condition is null ? e.Name : $"{e.Name}\n(when {e.Condition})")]);
        plot.Axes.Margins(left: 0, right: 0.15);
        plot.Title(title);
        plot.XLabel($"importance ({report.Method} over {report.Trials} completed trials, top {report.TopQuantile:P0}; shares add up to 1)");
        Save(plot, path, width, height);
    }

    internal static void Save(Plot plot, string path, int width, int height)
    {
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            plot.SaveSvg(path, width, height);
        }
        else
        {
            plot.SavePng(path, width, height);
        }
    }
}
