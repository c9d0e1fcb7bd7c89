using HyperSweep.Engine.Analysis;
using ScottPlot;

namespace HyperSweep.Client.Plotting;

/// <summary>
/// Elman's tree drawn sideways: one row per word (in the tree's leaf order, labelled on the left), each merge a bracket at
/// the distance it joined its two clusters, words coloured by their group (noun/verb, singular/plural) when known.
/// </summary>
public static class DendrogramChart
{
    private static readonly Color[] Palette = [Colors.RoyalBlue, Colors.Crimson, Colors.ForestGreen, Colors.DarkOrange, Colors.Purple, Colors.Teal, Colors.Brown, Colors.Gray];

    public static void Save(Dendrogram tree, IReadOnlyList<string> labels, IReadOnlyList<string?> groups, string title, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var plot = new Plot();
        var order = tree.LeafOrder();
        var row = new double[tree.Points + tree.Merges.Count];
        var height0 = new double[row.Length];
        for (var i = 0; i < order.Count; i++)
        {
            row[order[i]] = order.Count - 1 - i; // the first leaf on top
        }

        for (var m = 0; m < tree.Merges.Count; m++)
        {
            var (left, right, h) = (tree.Merges[m].Left, tree.Merges[m].Right, tree.Merges[m].Height);
            Bracket(plot, height0[left], row[left], height0[right], row[right], h);
            var id = tree.Points + m;
            row[id] = (row[left] + row[right]) / 2;
            height0[id] = h;
        }

        var names = groups.Where(g => g is not null).Distinct().ToList();
        for (var g = 0; g < names.Count; g++)
        {
            var leaves = order.Where(leaf => groups[leaf] == names[g]).ToList();
            var markers = plot.Add.ScatterPoints(leaves.Select(_ => 0.0).ToArray(), leaves.Select(l => row[l]).ToArray(), Palette[g % Palette.Length]);
            markers.MarkerSize = 9;
            markers.LegendText = names[g]!;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. order.Select(l => row[l])], [.. order.Select(l => labels[l])]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = order.Count > 60 ? 9 : 12;
        plot.Title(title);
        plot.XLabel("average-linkage distance between mean hidden states");
        if (names.Count > 0)
        {
            plot.ShowLegend(Alignment.LowerRight);
        }

        ImportanceChart.Save(plot, path, width, height);
    }

    private static void Bracket(Plot plot, double leftHeight, double leftRow, double rightHeight, double rightRow, double height)
    {
        foreach (var (x0, y0, x1, y1) in new[] { (leftHeight, leftRow, height, leftRow), (rightHeight, rightRow, height, rightRow), (height, leftRow, height, rightRow) })
        {
            var line = plot.Add.Line(x0, y0, x1, y1);
            line.Color = Colors.Black;
            line.LineWidth = 1.5f;
        }
    }
}
