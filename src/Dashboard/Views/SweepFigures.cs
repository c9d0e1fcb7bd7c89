namespace HyperSweep.Dashboard.Views;

/// <summary>The sweep page's figures, built once per <see cref="SweepCharts"/> and shared by every tab (a redraw happens only when they change).</summary>
public sealed class SweepFigures(SweepCharts charts)
{
    public ChartFigure Curves { get; } = Figures.Curves(charts);

    public ChartFigure Parallel { get; } = Figures.Parallel(charts);

    public IReadOnlyList<(string Parameter, ChartFigure Figure)> Scatters { get; } =
        charts.Scatters.Select(s => (s.Parameter, Figures.Scatter(s, charts.Metric))).ToList();

    public ChartFigure BestByTrial { get; } = Figures.BestByTrial(charts);

    public ChartFigure BestByTime { get; } = Figures.BestByTime(charts);

    public ChartFigure Pruning { get; } = Figures.Pruning(charts);
}
