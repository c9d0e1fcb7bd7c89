using System.Runtime.CompilerServices;
using HyperSweep.Dashboard.Views;
using Microsoft.Extensions.Options;

namespace HyperSweep.Dashboard.Data;

/// <summary>
/// Builds a sweep page's charts once per snapshot, whoever asks (the Blazor page in any number of tabs, or
/// /api/sweeps/{id}/charts): the charts hang off the snapshot object, which the cache shares.
/// </summary>
public sealed class SweepPages(SweepReader reader, IOptions<DashboardOptions> options)
{
    private readonly ConditionalWeakTable<SweepSnapshot, Task<SweepPage>> _pages = new();

    /// <summary>The sweep's page, or null when there is no such sweep.</summary>
    public async Task<SweepPage?> GetAsync(string sweepId)
    {
        var snapshot = await reader.GetSweepAsync(sweepId);
        return snapshot is null ? null : await _pages.GetValue(snapshot, Build);
    }

    private async Task<SweepPage> Build(SweepSnapshot snapshot)
    {
        var (top, pruned) = SweepChartsBuilder.CurveTrials(snapshot, options.Value);
        var byNumber = snapshot.Trials.ToDictionary(t => t.Number);
        var details = await reader.GetTrialsAsync(snapshot.Status.SweepId, top.Concat(pruned).Select(n => byNumber[n]));
        return new SweepPage(snapshot, SweepChartsBuilder.Build(snapshot, details, options.Value));
    }
}
