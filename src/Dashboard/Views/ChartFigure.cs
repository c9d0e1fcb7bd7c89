using Plotly.Blazor;

namespace HyperSweep.Dashboard.Views;

/// <summary>A plotly.js figure: its traces and layout (drawn by Plotly.Blazor's PlotlyChart).</summary>
public sealed record ChartFigure(IList<ITrace> Data, Layout Layout);
