using HyperSweep.Dashboard.Views;

namespace HyperSweep.Dashboard.Data;

/// <summary>A sweep snapshot with the charts built from it (shared by every tab showing the same snapshot).</summary>
public sealed record SweepPage(SweepSnapshot Snapshot, SweepCharts Charts);
