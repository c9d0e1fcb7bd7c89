namespace HyperSweep.Search.Scheduling;

/// <summary>
/// A scheduler by name (asha, hyperband, pbt) with its settings, as written in a spec's <c>scheduler:</c> section.
/// Setting values are long, double, bool, string ("auto"), or for pbt's <c>perturb</c> a map from parameter name to
/// its list of factors (<see cref="IReadOnlyDictionary{TKey,TValue}"/> of <see cref="IReadOnlyList{T}"/> of double).
/// </summary>
public sealed record SchedulerSpec(string Name, IReadOnlyDictionary<string, object?> Settings)
{
    /// <summary>The max_resource the spec gives (asha, hyperband), or null: the trials' epoch limit when it is below the budget's.</summary>
    public int? MaxResource => Settings.TryGetValue("max_resource", out var value) && value is long l and > 0 and <= int.MaxValue ? (int)l : null;
}
