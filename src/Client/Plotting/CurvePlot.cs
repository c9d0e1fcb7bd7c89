using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Plotting;

/// <summary>
/// What <c>hypersweep plot</c> draws: the top k trials' and the pruned trials' curves of the objective metric, with the
/// epochs where a trial resumed from a checkpoint (an ASHA promotion, a PBT generation) and PBT's exploitations.
/// </summary>
public sealed record CurvePlot(string Title, string Metric, bool Maximize, IReadOnlyList<CurveSeries> Series)
{
    /// <summary>One series per trial in <paramref name="trials"/> (top k first, then pruned ones) that recorded the objective.</summary>
    public static CurvePlot From(SweepStatus status, IEnumerable<TrialDetail> trials)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(trials);
        var metric = status.Objective.Metric;
        var series = trials.DistinctBy(t => t.Summary.Number).Select(t => SeriesOf(t, metric)).Where(s => s.Values.Count > 0).ToList();
        return new CurvePlot($"{status.Name} ({status.SweepId}): {status.Objective}", metric, status.Objective.Maximize, series);
    }

    /// <summary>A curve from a trial's recorded epochs (epochs without the metric are skipped).</summary>
    public static CurveSeries SeriesOf(TrialDetail detail, string metric)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var points = detail.Epochs.Where(e => e.Values.ContainsKey(metric)).ToList();
        var pruned = detail.Summary.State == TrialState.Pruned ? detail.Summary.EpochsRun : (int?)null;
        var label = pruned is { } at
            ? $"trial {detail.Summary.Number} (pruned at epoch {at})"
            : $"trial {detail.Summary.Number} ({Formatting.Value(detail.Summary.BestValue)})";
        var resumed = detail.Attempts.Select(a => a.ResumedFromEpoch).Where(e => e > 0).Distinct().Order().ToList();
        var lineage = (detail.Summary.Lineage ?? []).Select(l => (l.Donor, l.Epoch)).ToList();
        return new CurveSeries(detail.Summary.Number, label, points.Select(e => (double)e.Epoch).ToList(), points.Select(e => e.Values[metric]).ToList(), pruned,
            resumed, lineage);
    }
}
