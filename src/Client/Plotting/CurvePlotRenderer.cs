using ScottPlot;

namespace HyperSweep.Client.Plotting;

/// <summary>Draws a <see cref="CurvePlot"/> with ScottPlot: one line per trial, a cross where a trial was pruned, labelled axes and a legend.</summary>
public static class CurvePlotRenderer
{
    /// <summary>Writes PNG, or SVG when <paramref name="path"/> ends in .svg.</summary>
    public static void Save(CurvePlot model, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        var plot = new Plot();
        foreach (var series in model.Series)
        {
            var line = plot.Add.Scatter(series.Epochs.ToArray(), series.Values.ToArray());
            line.LegendText = series.Label;
            line.LineWidth = series.PrunedAtEpoch is null ? 2 : 1;
            if (series.PrunedAtEpoch is not null)
            {
                line.LinePattern = LinePattern.Dashed;
                var mark = plot.Add.Marker(series.Epochs[^1], series.Values[^1], MarkerShape.Eks, 12, line.Color);
                mark.LegendText = "";
            }
        }

        plot.Title(model.Title);
        plot.XLabel("epoch");
        plot.YLabel(model.Metric);
        // Epochs are whole numbers; curves rise to the upper right when maximizing, so the legend goes where they are not.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(model.Maximize ? Alignment.LowerRight : Alignment.UpperRight);
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
