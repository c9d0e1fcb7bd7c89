using System.Globalization;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// TPE's settings: Optuna 3.1 <c>TPESampler</c>'s constructor arguments with its defaults, plus two named
/// HyperSweep options (<see cref="Density"/> and <see cref="DistinctRunning"/>) whose defaults keep Optuna's
/// decisions. Names in specs and on command lines are Optuna's snake_case argument names.
/// </summary>
public sealed record TpeSettings
{
    public static TpeSettings Optuna31Defaults { get; } = new();

    /// <summary>The setting names a spec or <c>--set</c> may give, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "n_startup_trials", "n_ei_candidates", "gamma", "weights", "prior_weight", "consider_prior", "consider_magic_clip",
        "consider_endpoints", "multivariate", "group", "constant_liar", "density", "distinct_running",
    ];

    /// <summary>Random trials before TPE starts; only COMPLETE and PRUNED trials count.</summary>
    public int NStartupTrials { get; init; } = 10;

    /// <summary>Candidates drawn from l(x) per decision.</summary>
    public int NEiCandidates { get; init; } = 24;

    public TpeGamma Gamma { get; init; } = TpeGamma.Default;

    public TpeWeights Weights { get; init; } = TpeWeights.Default;

    public double PriorWeight { get; init; } = 1.0;

    public bool ConsiderPrior { get; init; } = true;

    public bool ConsiderMagicClip { get; init; } = true;

    public bool ConsiderEndpoints { get; init; }

    /// <summary>Sample the parameters every finished trial has jointly (one estimator over all of them).</summary>
    public bool Multivariate { get; init; }

    /// <summary>With <see cref="Multivariate"/>: one joint decision per group of parameters that always occur together (conditional spaces).</summary>
    public bool Group { get; init; }

    /// <summary>Running trials are observations ranked worst, so parallel workers do not all propose the same point.</summary>
    public bool ConstantLiar { get; init; }

    public TpeDensity Density { get; init; } = TpeDensity.Optuna31;

    /// <summary>
    /// HyperSweep's guarantee for parallel workers: a proposal equal to a RUNNING trial's configuration is drawn
    /// again (from derived random streams) while the space has other configurations. Only matters with trials
    /// running at once; Optuna has no such rule, so the parity harness checks decisions, not this.
    /// </summary>
    public bool DistinctRunning { get; init; } = true;

    /// <summary>Builds settings from name → value pairs (spec or <c>--set</c>); ArgumentException names the bad setting.</summary>
    public static TpeSettings From(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var settings = new TpeSettings();
        foreach (var (name, value) in values)
        {
            settings = name switch
            {
                "n_startup_trials" => settings with { NStartupTrials = Integer(name, value, 0) },
                "n_ei_candidates" => settings with { NEiCandidates = Integer(name, value, 1) },
                "gamma" => settings with { Gamma = TpeGamma.Named(Text(name, value)) },
                "weights" => settings with { Weights = TpeWeights.Named(Text(name, value)) },
                "prior_weight" => settings with { PriorWeight = Positive(name, value) },
                "consider_prior" => settings with { ConsiderPrior = Flag(name, value) },
                "consider_magic_clip" => settings with { ConsiderMagicClip = Flag(name, value) },
                "consider_endpoints" => settings with { ConsiderEndpoints = Flag(name, value) },
                "multivariate" => settings with { Multivariate = Flag(name, value) },
                "group" => settings with { Group = Flag(name, value) },
                "constant_liar" => settings with { ConstantLiar = Flag(name, value) },
                "density" => settings with { Density = DensityNamed(Text(name, value)) },
                "distinct_running" => settings with { DistinctRunning = Flag(name, value) },
                _ => throw new ArgumentException($"unknown TPE setting '{name}'; expected one of: {string.Join(", ", Names)}", name),
            };
        }
        if (settings.Group && !settings.Multivariate)
        {
            throw new ArgumentException("group needs multivariate: true (groups are sampled jointly)", "group");
        }
        return settings;
    }

    /// <summary>Every setting with its effective value, in <see cref="Names"/> order (what <c>validate</c> prints).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        new("n_startup_trials", NStartupTrials.ToString(CultureInfo.InvariantCulture)),
        new("n_ei_candidates", NEiCandidates.ToString(CultureInfo.InvariantCulture)),
        new("gamma", $"{Gamma.Name} ({Gamma.Formula})"),
        new("weights", $"{Weights.Name} ({Weights.Formula})"),
        new("prior_weight", PriorWeight.ToString("R", CultureInfo.InvariantCulture)),
        new("consider_prior", Bool(ConsiderPrior)),
        new("consider_magic_clip", Bool(ConsiderMagicClip)),
        new("consider_endpoints", Bool(ConsiderEndpoints)),
        new("multivariate", Bool(Multivariate)),
        new("group", Bool(Group)),
        new("constant_liar", Bool(ConstantLiar)),
        new("density", DensityName(Density)),
        new("distinct_running", Bool(DistinctRunning)),
    ];

    public static string DensityName(TpeDensity density) => density == TpeDensity.Optuna31 ? "optuna-3.1" : "corrected";

    private static TpeDensity DensityNamed(string name) => name switch
    {
        "optuna-3.1" => TpeDensity.Optuna31,
        "corrected" => TpeDensity.Corrected,
        _ => throw new ArgumentException($"unknown density '{name}'; expected one of: optuna-3.1, corrected", "density"),
    };

    private static string Bool(bool value) => value ? "true" : "false";

    private static int Integer(string name, object? value, int min) => value switch
    {
        long l when l >= min && l <= int.MaxValue => (int)l,
        int i when i >= min => i,
        double d when d == Math.Floor(d) && d >= min && d <= int.MaxValue => (int)d,
        _ => throw new ArgumentException($"{name} must be an integer >= {min}, not {Show(value)}", name),
    };

    private static double Positive(string name, object? value) => value switch
    {
        long l when l > 0 => l,
        int i when i > 0 => i,
        double d when d > 0 && double.IsFinite(d) => d,
        _ => throw new ArgumentException($"{name} must be a number > 0, not {Show(value)}", name),
    };

    private static bool Flag(string name, object? value) =>
        value as bool? ?? throw new ArgumentException($"{name} must be true or false, not {Show(value)}", name);

    private static string Text(string name, object? value) =>
        value as string ?? throw new ArgumentException($"{name} must be a name, not {Show(value)}", name);

    private static string Show(object? value) => value switch
    {
        null => "an empty value",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
