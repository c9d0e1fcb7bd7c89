using ScottPlot;

namespace HyperSweep.Client.Plotting;

/// <summary>
/// The vanishing-gradient picture: ‖∂L/∂h_t‖ against the number of steps between h_t and the loss, on a log scale, one
/// line per trial and layer. A vanilla RNN's line falls like a straight slope (geometric decay); LSTM's and GRU's stay flat longer.
/// </summary>
public static class GradientChart
{
    public sealed record Line(string Label, IReadOnlyList<double> Norms);

    public static void Save(IReadOnlyList<Line> lines, string title, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var plot = new Plot();
        var floor = lines.SelectMany(l => l.Norms).Where(v => v > 0).DefaultIfEmpty(1e-30).Min();
        foreach (var line in lines)
        {
            var xs = Enumerable.Range(0, line.Norms.Count).Select(k => (double)k).ToArray();
            var ys = line.Norms.Select(v => Math.Log10(Math.Max(v, floor))).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = line.Label;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 4;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y:0}",
        };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Title(title);
        plot.XLabel("steps between h_t and the loss (k = T − t)");
        plot.YLabel("mean ‖∂L/∂h_t‖ (log scale)");
        plot.ShowLegend(Alignment.UpperRight);
        ImportanceChart.Save(plot, path, width, height);
    }
}
