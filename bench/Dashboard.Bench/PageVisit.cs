namespace HyperSweep.Dashboard.Bench;

/// <summary>
/// One navigation in Chromium: <see cref="TotalMs"/> from the benchmark's GoToUrl until every chart was seen drawn (the
/// benchmark's clock, polling), the rest on the page's clock (ms since navigation start, page-marks.js):
/// <see cref="SvgChartsDrawnMs"/> when every chart but the parallel coordinates (WebGL) was drawn, <see cref="LiveMs"/> when
/// Blazor's circuit rendered the page, <see cref="PlotlyBytes"/> what plotly.js cost on the wire (0 when the browser's cache had it).
/// </summary>
public sealed record PageVisit(
    double TotalMs, double HtmlMs, double DomContentLoadedMs, double PlotlyMs, double PlotlyBytes, double SvgChartsDrawnMs, double ChartsDrawnMs, double LiveMs);
