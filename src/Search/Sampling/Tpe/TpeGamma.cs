namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// How many of the n ranked observations form the "below" (good) group: Optuna's <c>gamma</c>, chosen by name.
/// n counts COMPLETE and PRUNED trials. Every named rule is capped, so "below" stays small.
/// </summary>
public sealed class TpeGamma
{
    private readonly Func<int, int> _rule;

    private TpeGamma(string name, string formula, Func<int, int> rule)
    {
        Name = name;
        Formula = formula;
        _rule = rule;
    }

    /// <summary>Optuna's <c>default_gamma</c>: min(⌈0.1·n⌉, 25).</summary>
    public static TpeGamma Default { get; } = new("default", "min(ceil(0.1*n), 25)", n => (int)Math.Min(Math.Ceiling(0.1 * n), 25));

    /// <summary>Optuna's <c>hyperopt_default_gamma</c>: min(⌈0.25·√n⌉, 25).</summary>
    public static TpeGamma Hyperopt { get; } = new("hyperopt", "min(ceil(0.25*sqrt(n)), 25)", n => (int)Math.Min(Math.Ceiling(0.25 * Math.Sqrt(n)), 25));

    /// <summary>min(⌊0.25·n⌋ + 1, 10).</summary>
    public static TpeGamma QuarterPlus1Cap10 { get; } = new("quarter_plus1_cap10", "min(floor(0.25*n) + 1, 10)", n => (int)Math.Min(Math.Floor(0.25 * n) + 1, 10));

    /// <summary>min(⌊0.15·n⌋ + 2, 12).</summary>
    public static TpeGamma P15Plus2Cap12 { get; } = new("p15_plus2_cap12", "min(floor(0.15*n) + 2, 12)", n => (int)Math.Min(Math.Floor(0.15 * n) + 2, 12));

    public static IReadOnlyList<TpeGamma> All { get; } = [Default, Hyperopt, QuarterPlus1Cap10, P15Plus2Cap12];

    public string Name { get; }

    public string Formula { get; }

    public int Of(int n) => _rule(n);

    /// <summary>The rule called <paramref name="name"/>; an ArgumentException naming the known ones otherwise.</summary>
    public static TpeGamma Named(string name) =>
        All.FirstOrDefault(g => g.Name == name)
        ?? throw new ArgumentException($"unknown gamma '{name}'; expected one of: {string.Join(", ", All.Select(g => g.Name))}", "gamma");

    public override string ToString() => Name;
}
