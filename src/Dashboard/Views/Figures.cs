using System.Globalization;
using HyperSweep.Contracts;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using ParCoordsDimension = Plotly.Blazor.Traces.ParCoordsLib.Dimension;
using ParCoordsLine = Plotly.Blazor.Traces.ParCoordsLib.Line;
using ScatterLine = Plotly.Blazor.Traces.ScatterLib.Line;

namespace HyperSweep.Dashboard.Views;

/// <summary>
/// <see cref="SweepCharts"/> and trial curves as plotly.js figures (Plotly.Blazor's trace and layout types; plotly.js
/// draws them). One trace per learning curve, so a page shows exactly as many curve traces as trials it lists.
/// </summary>
public static class Figures
{
    private const string Font = "system-ui, sans-serif";

    public static ChartFigure Curves(SweepCharts charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var traces = charts.Curves.Select(c => (ITrace)new Scatter
        {
            Name = c.PrunedAt is { } at
                ? Invariant($"#{c.Trial} pruned at {at}")
                : Invariant($"#{c.Trial} (rank {c.Rank}) best {Value(c.Best)}"),
            X = c.Epochs.Cast<object>().ToList(),
            Y = c.Values.Select(v => (object?)v!).ToList(),
            Mode = ModeFlag.Lines | ModeFlag.Markers,
            Line = new ScatterLine { Dash = c.PrunedAt is null ? "solid" : "dash", Width = c.PrunedAt is null ? 2 : 1 },
            Marker = new Marker { Size = c.PrunedAt is null ? 4 : 3 },
            Opacity = c.PrunedAt is null ? 1m : 0.55m,
        }).ToList();
        return new ChartFigure(traces, Layout("epoch", charts.Metric, showLegend: charts.Curves.Count <= 20, integerX: true));
    }

    /// <summary>Hyper-parameter importance as horizontal bars, most important on top.</summary>
    public static ChartFigure Importance(ImportanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ranked = report.Parameters.Reverse().ToList();
        var trace = new Bar
        {
            Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
            X = ranked.Select(p => (object)p.Importance).ToList(),
            Y = ranked.Select(p => (object)(p.Condition is null ? p.Name : $"{p.Name} ({p.Condition})")).ToList(),
        };
        var layout = Layout("importance (share of the total)", null, showLegend: false);
        layout.Height = Math.Max(160, 60 + (28 * ranked.Count));
        return new ChartFigure([trace], layout);
    }

    public static ChartFigure Parallel(SweepCharts charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var dimensions = charts.Parallel.Select(axis => new ParCoordsDimension
        {
            Label = axis.Name,
            Values = axis.Values.Cast<object>().ToList(),
            TickVals = axis.Categories is null ? null : axis.Categories.Select((_, i) => (object)i).ToList(),
            TickText = axis.Categories?.Cast<object>().ToList(),
        }).ToList();
        dimensions.Add(new ParCoordsDimension { Label = charts.Metric, Values = charts.ParallelObjective.Cast<object>().ToList() });
        var trace = new ParCoords
        {
            Dimensions = dimensions,
            Line = new ParCoordsLine
            {
                ColorArray = charts.ParallelObjective.Cast<object>().ToList(),
                ColorScale = "Viridis",
                ReverseScale = !charts.Maximize,
                ShowScale = true,
            },
        };
        var layout = Layout(null, null, showLegend: false);
        layout.Margin = new Margin { L = 60, R = 60, T = 50, B = 30 };
        return new ChartFigure([trace], layout);
    }

    public static ChartFigure Scatter(ParameterScatter scatter, string metric)
    {
        ArgumentNullException.ThrowIfNull(scatter);
        var trace = new Scatter
        {
            Name = scatter.Parameter,
            X = scatter.X.ToList(),
            Y = scatter.Objective.Cast<object>().ToList(),
            Mode = ModeFlag.Markers,
            Marker = new Marker { Size = 5, Opacity = 0.6m },
            TextArray = scatter.Trials.Select(n => Invariant($"trial {n}")).ToList(),
        };
        var layout = Layout(scatter.Parameter, metric, showLegend: false);
        if (scatter.Categorical)
        {
            layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
        }

        return new ChartFigure([trace], layout);
    }

    public static ChartFigure BestByTrial(SweepCharts charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var points = new Scatter
        {
            Name = "completed trial",
            X = charts.ObjectiveTrials.Cast<object>().ToList(),
            Y = charts.ObjectiveValues.Cast<object>().ToList(),
            Mode = ModeFlag.Markers,
            Marker = new Marker { Size = 4, Opacity = 0.5m },
        };
        var best = new Scatter
        {
            Name = "best so far",
            X = charts.Best.Trials.Cast<object>().ToList(),
            Y = charts.Best.ByTrial.Cast<object>().ToList(),
            Mode = ModeFlag.Lines,
            Line = new ScatterLine { Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, Width = 2 },
        };
        return new ChartFigure([points, best], Layout("trial", charts.Metric, showLegend: true));
    }

    public static ChartFigure BestByTime(SweepCharts charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var best = new Scatter
        {
            Name = "best so far",
            X = charts.Best.Times.Select(t => (object)t.UtcDateTime).ToList(),
            Y = charts.Best.ByTime.Cast<object>().ToList(),
            Mode = ModeFlag.Lines | ModeFlag.Markers,
            Line = new ScatterLine { Shape = Plotly.Blazor.Traces.ScatterLib.LineLib.ShapeEnum.Hv, Width = 2 },
        };
        return new ChartFigure([best], Layout("time (UTC)", charts.Metric, showLegend: false));
    }

    public static ChartFigure Pruning(SweepCharts charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var epochs = charts.Pruning.Select(p => (object)p.Epoch).ToList();
        ITrace Bar(string name, Func<PruningStep, int> count) =>
            new Bar { Name = name, X = epochs, Y = charts.Pruning.Select(p => (object)count(p)).ToList() };
        var layout = Layout("epoch (rung)", "trials", showLegend: true, integerX: true);
        layout.BarMode = BarModeEnum.Stack;
        return new ChartFigure([Bar("continued", p => p.Continued), Bar("pruned", p => p.Pruned), Bar("ended otherwise", p => p.EndedOtherwise)], layout);
    }

    /// <summary>One trial's metrics per epoch, one trace per metric (accuracy-like and loss-like metrics share the plot).</summary>
    public static ChartFigure TrialCurves(TrialDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var epochs = detail.Epochs.OrderBy(e => e.Epoch).ToList();
        var metrics = epochs.SelectMany(e => e.Values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var traces = metrics.Select(metric => (ITrace)new Scatter
        {
            Name = metric,
            X = epochs.Select(e => (object)e.Epoch).ToList(),
            Y = epochs.Select(e => e.Values.TryGetValue(metric, out var v) && double.IsFinite(v) ? (object)v : null!).ToList(),
            Mode = ModeFlag.Lines | ModeFlag.Markers,
        }).ToList();
        return new ChartFigure(traces, Layout("epoch", "value", showLegend: true, integerX: true));
    }

    private static Layout Layout(string? x, string? y, bool showLegend, bool integerX = false) => new()
    {
        ShowLegend = showLegend,
        Height = 340,
        Margin = new Margin { L = 60, R = 20, T = 20, B = 50 },
        Font = new Plotly.Blazor.LayoutLib.Font { Family = Font, Size = 12 },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = x }, DTick = integerX ? 1 : null, AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = y }, AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True }],
    };

    private static string Value(double? value) => value is { } v ? v.ToString("G5", CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
