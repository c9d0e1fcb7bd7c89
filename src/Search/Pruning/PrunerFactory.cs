namespace HyperSweep.Search.Pruning;

/// <summary>
/// Builds a fresh <see cref="IPruner"/> from a <see cref="PrunerSpec"/>. Every unknown name, unknown setting,
/// wrong type or out-of-range value throws an <see cref="ArgumentException"/> whose ParamName is the setting
/// (or "name"), so a spec parser can point at the offending line.
/// </summary>
public static class PrunerFactory
{
    /// <summary>Short names accepted in specs, with the Optuna class each stands for.</summary>
    public static IReadOnlyDictionary<string, string> KnownNames { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["median"] = "MedianPruner",
        ["percentile"] = "PercentilePruner",
        ["successive_halving"] = "SuccessiveHalvingPruner",
        ["hyperband"] = "HyperbandPruner",
        ["threshold"] = "ThresholdPruner",
        ["patient"] = "PatientPruner",
        ["nop"] = "NopPruner",
        ["none"] = "NopPruner",
    };

    private static readonly Dictionary<string, string[]> SettingsByPruner = new()
    {
        ["MedianPruner"] = ["n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials", "include_running_trials"],
        ["PercentilePruner"] = ["percentile", "n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials", "include_running_trials"],
        ["SuccessiveHalvingPruner"] = ["min_resource", "reduction_factor", "min_early_stopping_rate", "bootstrap_count"],
        ["HyperbandPruner"] = ["min_resource", "max_resource", "reduction_factor", "bootstrap_count"],
        ["ThresholdPruner"] = ["lower", "upper", "n_warmup_steps", "interval_steps"],
        ["PatientPruner"] = ["wrapped_pruner", "patience", "min_delta"],
        ["NopPruner"] = [],
    };

    /// <summary>The Optuna class name for a spec name, or throws naming the accepted names.</summary>
    public static string CanonicalName(string name)
    {
        if (KnownNames.TryGetValue(name, out var canonical))
        {
            return canonical;
        }
        if (SettingsByPruner.ContainsKey(name))
        {
            return name;
        }
        throw new ArgumentException(
            $"unknown pruner '{name}'; expected one of {string.Join(", ", KnownNames.Keys)} (or Optuna's class names)", "name");
    }

    /// <summary>The settings a pruner accepts.</summary>
    public static IReadOnlyList<string> SettingsOf(string name) => SettingsByPruner[CanonicalName(name)];

    public static IPruner Create(PrunerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var canonical = CanonicalName(spec.Name);
        var allowed = SettingsByPruner[canonical];
        foreach (var key in spec.Settings.Keys)
        {
            if (!allowed.Contains(key))
            {
                var expected = allowed.Length == 0 ? "it takes no settings" : $"expected {string.Join(", ", allowed)}";
                throw new ArgumentException($"unknown setting '{key}' for {canonical}; {expected}", key);
            }
        }
        var s = new SettingReader(spec.Settings);
        return canonical switch
        {
            "MedianPruner" => new MedianPruner(s.Int("n_startup_trials", 5), s.Int("n_warmup_steps", 0),
                s.Int("interval_steps", 1), s.Int("n_min_trials", 1), s.Bool("include_running_trials", false)),
            "PercentilePruner" => new PercentilePruner(s.RequiredDouble("percentile"), s.Int("n_startup_trials", 5),
                s.Int("n_warmup_steps", 0), s.Int("interval_steps", 1), s.Int("n_min_trials", 1),
                s.Bool("include_running_trials", false)),
            "SuccessiveHalvingPruner" => new SuccessiveHalvingPruner(s.IntOrAuto("min_resource", null),
                s.Int("reduction_factor", 4), s.Int("min_early_stopping_rate", 0), s.Int("bootstrap_count", 0)),
            "HyperbandPruner" => new HyperbandPruner(s.Int("min_resource", 1), s.IntOrAuto("max_resource", null),
                s.Int("reduction_factor", 3), s.Int("bootstrap_count", 0)),
            "ThresholdPruner" => new ThresholdPruner(s.NullableDouble("lower"), s.NullableDouble("upper"),
                s.Int("n_warmup_steps", 0), s.Int("interval_steps", 1)),
            "PatientPruner" => new PatientPruner(s.Pruner("wrapped_pruner"), s.RequiredInt("patience"), s.Double("min_delta", 0.0)),
            _ => new NopPruner(),
        };
    }
}
