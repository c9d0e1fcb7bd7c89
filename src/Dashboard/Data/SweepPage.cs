using HyperSweep.Dashboard.Views;

namespace HyperSweep.Dashboard.Data;

/// <summary>
/// A sweep snapshot with the charts built from it, and their plotly.js figures built on first use (the page's; the API
/// needs only the charts). Shared by every tab showing the same snapshot.
/// </summary>
public sealed record SweepPage(SweepSnapshot Snapshot, SweepCharts Charts)
{
    private readonly Lazy<SweepFigures> _figures = new(() => new SweepFigures(Charts));

    public SweepFigures Figures => _figures.Value;
}
