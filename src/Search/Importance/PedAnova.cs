using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Importance;

/// <summary>
/// Hyper-parameter importance by PED-ANOVA (Watanabe, Bansal and Hutter, IJCAI 2023, "PED-ANOVA: Efficiently Quantifying
/// Hyperparameter Importance in Arbitrary Subspaces"): a parameter matters to the extent that the trials reaching the
/// top quantile of the objective are distributed differently over its domain than all trials are. For each parameter
/// the two distributions are Parzen estimates over its <see cref="DomainGrid"/>, and the importance is the Pearson
/// divergence Σ p_all·(p_top/p_all − 1)², which the paper shows equals the variance the parameter explains of the
/// indicator "in the top quantile" (a local functional ANOVA) — in closed form, with no surrogate model.
/// <para>
/// Why PED-ANOVA and not fANOVA: our spaces are conditional (<c>cell</c> exists only when <c>arch: rnn</c>). fANOVA
/// marginalises a random forest over the whole product space, which has no meaning for an inactive parameter, and costs
/// a forest fit; PED-ANOVA is defined on any subspace, so each parameter is measured within its condition: over the
/// trials where it was active, against the top quantile of those trials. With the same quantile everywhere the
/// divergences are on one scale and are ranked together; <see cref="ParameterImportance.Importance"/> normalises them.
/// A parameter the objective does not depend on has the same distribution among the top trials as among all, so its
/// divergence is near zero (only sampling noise) and it ranks last.
/// </para>
/// </summary>
public static class PedAnova
{
    public static IReadOnlyList<ParameterImportance> Evaluate(
        SearchSpace space, IReadOnlyList<ImportanceSample> samples, StudyDirection direction, ImportanceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(samples);
        settings ??= ImportanceSettings.Default;
        var measured = new List<(SearchParameter Parameter, double Divergence, int Trials, int Top)>();
        foreach (var parameter in space.Parameters)
        {
            var grid = DomainGrid.For(parameter.Domain, settings.GridSteps);
            var active = samples
                .Where(s => double.IsFinite(s.Value) && s.Parameters.TryGetValue(parameter.Name, out var v) && grid.CellOf(v) is not null)
                .ToList();
            var top = TopQuantile(active, direction, settings);
            var divergence = grid.Cells < 2 || top.Count == 0 || top.Count == active.Count
                ? 0
                : PearsonDivergence(Density(grid, top, parameter.Name, settings), Density(grid, active, parameter.Name, settings));
            measured.Add((parameter, divergence, active.Count, top.Count));
        }

        var sum = measured.Sum(m => m.Divergence);
        return [.. measured
            .Select(m => new ParameterImportance(
                m.Parameter.Name, sum > 0 ? m.Divergence / sum : 0, m.Divergence, m.Parameter.When?.ToString(), m.Trials, m.Top))
            .OrderByDescending(i => i.Divergence)
            .ThenBy(i => i.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The trials at least as good as the <see cref="ImportanceSettings.TopQuantile"/> cut-off (ties at the cut-off
    /// included), and never fewer than <see cref="ImportanceSettings.MinTopTrials"/>; none when there are too few trials.
    /// </summary>
    private static List<ImportanceSample> TopQuantile(List<ImportanceSample> trials, StudyDirection direction, ImportanceSettings settings)
    {
        if (trials.Count <= settings.MinTopTrials)
        {
            return [];
        }

        var losses = trials.Select(t => direction == StudyDirection.Maximize ? -t.Value : t.Value).Order().ToList();
        var quantileIndex = Math.Max(0, (int)Math.Ceiling(settings.TopQuantile * losses.Count) - 1);
        var cutoff = Math.Max(losses[quantileIndex], losses[settings.MinTopTrials - 1]);
        return [.. trials.Where(t => (direction == StudyDirection.Maximize ? -t.Value : t.Value) <= cutoff)];
    }

    private static double[] Density(DomainGrid grid, List<ImportanceSample> trials, string name, ImportanceSettings settings)
    {
        var counts = new int[grid.Cells];
        foreach (var trial in trials)
        {
            counts[grid.CellOf(trial.Parameters[name])!.Value]++;
        }

        return GridDensity.Estimate(counts, grid.Categorical, settings.PriorWeight);
    }

    private static double PearsonDivergence(double[] top, double[] all)
    {
        double divergence = 0;
        for (var cell = 0; cell < top.Length; cell++)
        {
            var p = top[cell] + 1e-12;
            var q = all[cell] + 1e-12;
            divergence += q * ((p / q) - 1) * ((p / q) - 1);
        }

        return divergence;
    }
}
