using HyperSweep.Search;
using System.Globalization;
using HyperSweep.Contracts;
using HyperSweep.Dashboard.Data;

namespace HyperSweep.Dashboard.Views;

/// <summary>
/// Turns a <see cref="SweepSnapshot"/> (and the curves of the trials it chose) into <see cref="SweepCharts"/>. Pure: the
/// same snapshot gives the same charts. Thinning (see <see cref="Thinning"/>): learning curves of the top k trials and of
/// at most <see cref="DashboardOptions.MaxPrunedCurves"/> pruned trials (a stable uniform sample, <see cref="CurveTrials"/>);
/// parallel coordinates and objective-vs-parameter plots of at most <see cref="DashboardOptions.MaxPlottedTrials"/>
/// completed trials (the best <see cref="DashboardOptions.PlottedBest"/> and an even sample of the rest); best-so-far
/// lines exact (only their change points are sent); pruning decisions aggregated per epoch.
/// </summary>
public static class SweepChartsBuilder
{
    /// <summary>
    /// The trials whose curves the sweep page draws: the top k by the coordinator's ranking, then pruned ones: all of them
    /// up to <see cref="DashboardOptions.MaxPrunedCurves"/>, beyond that every s-th by trial number with s the smallest
    /// power of two that fits. The sample is uniform over the sweep (so over the epochs trials were pruned at, in their
    /// proportions) and stable while a sweep runs: new pruned trials join it, the ones shown stay until the count doubles.
    /// </summary>
    public static (IReadOnlyList<int> Top, IReadOnlyList<int> Pruned) CurveTrials(SweepSnapshot snapshot, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var top = snapshot.Ranking.Take(options.CurveTopK).ToList();
        var pruned = snapshot.Trials.Where(t => t.State == TrialState.Pruned && !top.Contains(t.Number)).Select(t => t.Number).Order().ToList();
        var stride = 1;
        while (options.MaxPrunedCurves > 0 && (pruned.Count + stride - 1) / stride > options.MaxPrunedCurves)
        {
            stride *= 2;
        }

        var sample = options.MaxPrunedCurves == 0 ? [] : pruned.Where((_, index) => index % stride == 0).ToList();
        return (top, sample);
    }

    public static SweepCharts Build(SweepSnapshot snapshot, IReadOnlyDictionary<int, TrialDetail> details, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(options);
        var objective = snapshot.Status.Objective;
        var (top, prunedSample) = CurveTrials(snapshot, options);
        var curves = top.Concat(prunedSample).Where(details.ContainsKey).Select(n => Curve(details[n], objective.Metric, snapshot)).ToList();

        var byNumber = snapshot.Trials.ToDictionary(t => t.Number);
        var completed = snapshot.Ranking.Select(n => byNumber[n]).Where(t => t.State == TrialState.Completed && t.BestValue is not null).ToList();
        var plotted = Thinning.Pick(completed.Count, options.MaxPlottedTrials, options.PlottedBest).Select(i => completed[i]).ToList();
        // Parameters that vary (fixed model settings are merged into every trial's parameters and would only add flat axes).
        var names = completed.SelectMany(t => t.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(name => completed.Select(t => Label(t.Parameters.GetValueOrDefault(name))).Distinct(StringComparer.Ordinal).Skip(1).Any())
            .ToList();
        var axes = names.Select(name => Axis(name, plotted)).ToList();
        var scatters = names.Zip(axes, (name, axis) => Scatter(name, axis, plotted)).ToList();
        var inOrder = plotted.OrderBy(t => t.Number).ToList();

        return new SweepCharts(
            objective.Metric,
            objective.Maximize,
            curves,
            snapshot.Trials.Count(t => t.State == TrialState.Pruned),
            axes,
            plotted.Select(t => t.BestValue!.Value).ToList(),
            plotted.Select(t => t.Number).ToList(),
            scatters,
            Best(completed, objective),
            inOrder.Select(t => t.Number).ToList(),
            inOrder.Select(t => t.BestValue!.Value).ToList(),
            Pruning(snapshot.Trials),
            plotted.Count,
            completed.Count);
    }

    /// <summary>Per epoch: trials that reached it, pruned there, ended there otherwise, went on past it.</summary>
    public static IReadOnlyList<PruningStep> Pruning(IReadOnlyList<TrialSummary> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var last = trials.Count == 0 ? 0 : trials.Max(t => t.EpochsRun);
        var reachedAtLeast = new int[last + 2];
        var pruned = new int[last + 1];
        var ended = new int[last + 1];
        foreach (var trial in trials)
        {
            reachedAtLeast[trial.EpochsRun]++;
            if (trial.State == TrialState.Pruned)
            {
                pruned[trial.EpochsRun]++;
            }
            else if (trial.State is TrialState.Completed or TrialState.Failed or TrialState.Cancelled)
            {
                ended[trial.EpochsRun]++;
            }
        }

        // reachedAtLeast[e] becomes the number of trials with EpochsRun >= e.
        for (var e = last - 1; e >= 0; e--)
        {
            reachedAtLeast[e] += reachedAtLeast[e + 1];
        }

        return Enumerable.Range(1, last).Select(e => new PruningStep(e, reachedAtLeast[e], pruned[e], ended[e], reachedAtLeast[e + 1])).ToList();
    }

    private static CurveSeries Curve(TrialDetail detail, string metric, SweepSnapshot snapshot)
    {
        var summary = detail.Summary;
        var epochs = detail.Epochs.OrderBy(e => e.Epoch).ToList();
        return new CurveSeries(
            summary.Number,
            snapshot.RankOf.TryGetValue(summary.Number, out var rank) ? rank : null,
            epochs.Select(e => e.Epoch).ToList(),
            epochs.Select(e => e.Values.TryGetValue(metric, out var v) && double.IsFinite(v) ? v : (double?)null).ToList(),
            summary.BestValue,
            summary.State == TrialState.Pruned ? summary.EpochsRun : null);
    }

    private static ParallelAxis Axis(string name, IReadOnlyList<TrialSummary> trials)
    {
        var values = trials.Select(t => t.Parameters.TryGetValue(name, out var v) ? v : null).ToList();
        if (values.All(IsNumber))
        {
            return new ParallelAxis(name, values.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList(), null);
        }

        // Categories (and numeric parameters that some trials lack: a conditional parameter) are coded 0..n-1 by label.
        var labels = values.Select(Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var code = labels.Select((label, index) => (label, index)).ToDictionary(p => p.label, p => (double)p.index, StringComparer.Ordinal);
        return new ParallelAxis(name, values.Select(v => code[Label(v)]).ToList(), labels);
    }

    private static ParameterScatter Scatter(string name, ParallelAxis axis, IReadOnlyList<TrialSummary> trials)
    {
        var x = axis.Categories is { } labels
            ? axis.Values.Select(code => (object)labels[(int)code]).ToList()
            : axis.Values.Select(v => (object)v).ToList();
        return new ParameterScatter(name, x, trials.Select(t => t.BestValue!.Value).ToList(), trials.Select(t => t.Number).ToList(), axis.Categories is not null);
    }

    private static BestSoFar Best(IReadOnlyList<TrialSummary> completed, Objective objective)
    {
        var byNumber = completed.OrderBy(t => t.Number).ToList();
        var bestByNumber = Running(byNumber.Select(t => t.BestValue!.Value), objective);
        var keep = Thinning.StepChanges(bestByNumber);
        var byTime = completed.Where(t => t.EndedAt is not null).OrderBy(t => t.EndedAt).ToList();
        var bestByTime = Running(byTime.Select(t => t.BestValue!.Value), objective);
        var keepTime = Thinning.StepChanges(bestByTime);
        return new BestSoFar(
            keep.Select(i => byNumber[i].Number).ToList(),
            keep.Select(i => bestByNumber[i]).ToList(),
            keepTime.Select(i => byTime[i].EndedAt!.Value).ToList(),
            keepTime.Select(i => bestByTime[i]).ToList());
    }

    private static List<double> Running(IEnumerable<double> values, Objective objective)
    {
        var result = new List<double>();
        foreach (var value in values)
        {
            result.Add(result.Count == 0 || objective.IsBetter(value, result[^1]) ? value : result[^1]);
        }

        return result;
    }

    private static bool IsNumber(object? value) => value is int or long or double or float or decimal;

    private static string Label(object? value) => value switch
    {
        null => "(none)",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
