using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Scheduling;

/// <summary>
/// Builds a fresh <see cref="IScheduler"/> from a <see cref="SchedulerSpec"/>. Unknown names, unknown settings, wrong
/// types and out-of-range values throw an <see cref="ArgumentException"/> whose ParamName is the setting (or
/// "perturb.&lt;parameter&gt;"), so the spec parser can point at its line. With <c>promotion: false</c>, asha IS
/// Optuna's SuccessiveHalvingPruner and hyperband IS its HyperbandPruner (the same decisions on the same reports).
/// </summary>
public static class SchedulerFactory
{
    public const string Asha = "asha";
    public const string Hyperband = "hyperband";
    public const string Pbt = "pbt";

    private static readonly Dictionary<string, string[]> SettingsByName = new(StringComparer.Ordinal)
    {
        [Asha] = ["min_resource", "reduction_factor", "max_resource", "min_early_stopping_rate", "promotion", "bootstrap_count"],
        [Hyperband] = ["min_resource", "reduction_factor", "max_resource", "promotion", "bootstrap_count"],
        [Pbt] = ["population", "interval", "quantile", "perturb", "resample_probability"],
    };

    public static IReadOnlyList<string> KnownNames { get; } = [Asha, Hyperband, Pbt];

    /// <summary>The settings a scheduler accepts, or throws naming the known schedulers.</summary>
    public static IReadOnlyList<string> SettingsOf(string name) => SettingsByName.TryGetValue(name, out var settings)
        ? settings
        : throw new ArgumentException($"unknown scheduler '{name}'; expected one of {string.Join(", ", KnownNames)}", "name");

    public static IScheduler Create(SchedulerSpec spec, SchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        var allowed = SettingsOf(spec.Name);
        foreach (var key in spec.Settings.Keys.Where(k => !allowed.Contains(k)))
        {
            throw new ArgumentException($"unknown setting '{key}' for {spec.Name}; expected {string.Join(", ", allowed)}", key);
        }

        var s = new SettingReader(spec.Settings);
        if (spec.Name == Pbt)
        {
            return new PbtScheduler(context.Space, s.RequiredInt("population"), s.RequiredInt("interval"), context.MaxEpochs, Perturbations(spec.Settings),
                s.Double("quantile", 0.25), s.Double("resample_probability", 0.25), context.Seed);
        }

        var promotion = s.Bool("promotion", true);
        foreach (var key in new[] { "min_resource", "max_resource" }.Where(k => promotion && spec.Settings.GetValueOrDefault(k) is "auto"))
        {
            throw new ArgumentException("\"auto\" needs promotion: false (Optuna's stop-only rule resolves it from completed trials; promotions need their rungs from the start)", key);
        }

        var reductionFactor = s.Int("reduction_factor", spec.Name == Asha ? 4 : 3);
        var maxResource = promotion ? s.Int("max_resource", context.MaxEpochs) : s.IntOrAuto("max_resource", context.MaxEpochs);
        if (maxResource > context.MaxEpochs)
        {
            throw new ArgumentOutOfRangeException("max_resource", maxResource, $"max_resource must be <= budget.max_epochs ({context.MaxEpochs})");
        }

        if (promotion && spec.Settings.ContainsKey("bootstrap_count"))
        {
            throw new ArgumentException("bootstrap_count belongs to the stop-only rule (promotion: false); a paused trial simply waits", "bootstrap_count");
        }

        if (!promotion)
        {
            var bootstrap = s.Int("bootstrap_count", 0);
            return new PrunerScheduler(spec.Name == Asha
                ? new SuccessiveHalvingPruner(s.IntOrAuto("min_resource", 1), reductionFactor, s.Int("min_early_stopping_rate", 0), bootstrap)
                : new HyperbandPruner(s.Int("min_resource", 1), maxResource, reductionFactor, bootstrap));
        }

        var minResource = s.Int("min_resource", 1);
        return spec.Name == Asha
            ? AshaScheduler.Asha(minResource, reductionFactor, maxResource!.Value, s.Int("min_early_stopping_rate", 0))
            : AshaScheduler.Hyperband(minResource, reductionFactor, maxResource!.Value);
    }

    /// <summary>pbt's perturb map: parameter name → factors, in the spec's order.</summary>
    private static List<PbtPerturbation> Perturbations(IReadOnlyDictionary<string, object?> settings)
    {
        if (!settings.TryGetValue("perturb", out var value))
        {
            throw new ArgumentException("'perturb' is required (a map of parameter: [factors], e.g. {lr: [0.8, 1.2]})", "perturb");
        }

        if (value is not IReadOnlyDictionary<string, IReadOnlyList<double>> map)
        {
            throw new ArgumentException($"'perturb' must be a map of parameter: [factors], not '{value}'", "perturb");
        }

        return [.. map.Select(p => new PbtPerturbation(p.Key, p.Value))];
    }
}
