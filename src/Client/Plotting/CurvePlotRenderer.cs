using ScottPlot;

namespace HyperSweep.Client.Plotting;

/// <summary>
/// Draws a <see cref="CurvePlot"/> with ScottPlot: one line per trial, a cross where a trial was pruned, an open circle
/// where it paused and later resumed from its checkpoint, a dotted jump from the donor's point where a PBT trial
/// continued from another trial's checkpoint, labelled axes and a legend.
/// </summary>
public static class CurvePlotRenderer
{
    /// <summary>Writes PNG, or SVG when <paramref name="path"/> ends in .svg.</summary>
    public static void Save(CurvePlot model, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        var plot = new Plot();
        var byTrial = model.Series.ToDictionary(s => s.Trial);
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

            foreach (var epoch in series.ResumedAfter ?? [])
            {
                var at = series.Epochs.ToList().IndexOf(epoch);
                if (at >= 0)
                {
                    plot.Add.Marker(series.Epochs[at], series.Values[at], MarkerShape.OpenCircle, 10, line.Color).LegendText = "";
                }
            }

            foreach (var (donor, epoch) in series.Lineage ?? [])
            {
                var from = byTrial.TryGetValue(donor, out var d) ? d.Epochs.ToList().IndexOf(epoch) : -1;
                var to = series.Epochs.ToList().IndexOf(epoch + 1);
                if (from >= 0 && to >= 0)
                {
                    var jump = plot.Add.Line(d!.Epochs[from], d.Values[from], series.Epochs[to], series.Values[to]);
                    jump.Color = line.Color;
                    jump.LinePattern = LinePattern.Dotted;
                    jump.LegendText = "";
                }
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
