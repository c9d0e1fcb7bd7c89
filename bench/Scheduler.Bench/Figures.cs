using ScottPlot;

namespace HyperSweep.Scheduler.Bench;

/// <summary>Best-so-far against core-seconds, one line per (scheduler, seed): the figures bench/README-search.md shows.</summary>
internal static class Figures
{
    public static void BestSoFar(string path, string title, string metric, IEnumerable<(string Scheduler, int Seed, IReadOnlyList<(double CoreSeconds, double Best)> Points)> lines)
    {
        var plot = new Plot();
        var colors = new Dictionary<string, Color>();
        Color[] palette = [Colors.Blue, Colors.OrangeRed, Colors.Green, Colors.Gray, Colors.Purple];
        var patterns = new[] { LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted };
        var settled = new List<double>();
        foreach (var (scheduler, seed, points) in lines)
        {
            var shown = points.Where(p => !double.IsNaN(p.Best)).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            var first = !colors.ContainsKey(scheduler);
            var color = colors.TryGetValue(scheduler, out var known) ? known : colors[scheduler] = palette[colors.Count % palette.Length];
            var line = plot.Add.ScatterLine(shown.Select(p => p.CoreSeconds).ToArray(), shown.Select(p => p.Best).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.LinePattern = patterns[Math.Abs(seed) % patterns.Length];
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = first ? scheduler : "";
            settled.AddRange(Settled(shown));
        }

        if (settled.Count > 0)
        {
            // The first reports (an untrained epoch, a perplexity in the thousands) would flatten every difference that
            // matters, so the y axis spans what each line held from a tenth of its core-seconds on.
            var (low, high) = (settled.Min(), settled.Max());
            var pad = Math.Max((high - low) * 0.05, Math.Abs(high) * 1e-3);
            plot.Axes.SetLimitsY(low - pad, high + pad);
        }

        plot.Title(title);
        plot.XLabel("core-seconds (thread CPU time, all trials)");
        plot.YLabel($"best {metric} so far");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1000, 600);
    }

    /// <summary>The best-so-far in effect at a tenth of the line's core-seconds, and every later one.</summary>
    private static IEnumerable<double> Settled(IReadOnlyList<(double CoreSeconds, double Best)> points)
    {
        var mark = points[^1].CoreSeconds / 10;
        var start = Math.Max(0, points.Count(p => p.CoreSeconds < mark) - 1);
        return points.Skip(start).Select(p => p.Best);
    }
}
