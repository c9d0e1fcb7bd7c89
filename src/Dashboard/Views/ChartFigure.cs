using Plotly.Blazor;

namespace HyperSweep.Dashboard.Views;

/// <summary>A plotly.js figure: its traces and layout (Plotly.Blazor's typed model), and the JSON the page carries for plotly.js.</summary>
public sealed record ChartFigure(IList<ITrace> Data, Layout Layout)
{
    /// <summary><c>{data, layout, config}</c> as plotly.js takes it, written once per figure (every tab showing it shares it).</summary>
    public string Json { get; } = FigureJson.Write(Data, Layout);
}
