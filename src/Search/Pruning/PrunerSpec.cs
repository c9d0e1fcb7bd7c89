namespace HyperSweep.Search.Pruning;

/// <summary>
/// A pruner by name with its settings, as written in a sweep spec or a pruning trace. Names are Optuna's
/// class names or their short forms (median, percentile, successive_halving, hyperband, threshold,
/// patient, nop); settings use Optuna's constructor argument names. Setting values are long, double,
/// bool, string ("auto"), a nested <see cref="PrunerSpec"/> (patient's wrapped_pruner) or null.
/// </summary>
public sealed record PrunerSpec(string Name, IReadOnlyDictionary<string, object?> Settings)
{
    public static PrunerSpec Nop { get; } = new("nop", new Dictionary<string, object?>());

    public static PrunerSpec Median { get; } = new("median", new Dictionary<string, object?>());
}
