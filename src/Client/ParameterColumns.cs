using HyperSweep.Contracts;

namespace HyperSweep.Client;

/// <summary>
/// The parameters of a sweep's trials split for tables: the settings every trial shares (the spec's fixed model values
/// and one-value parameters), printed once above the table, and the ones that vary, printed in each row.
/// </summary>
public sealed class ParameterColumns
{
    private readonly HashSet<string> _fixed;

    private ParameterColumns(IReadOnlyDictionary<string, object> shared, HashSet<string> fixedNames)
    {
        Shared = shared;
        _fixed = fixedNames;
    }

    /// <summary>The name=value pairs every trial has with the same value (empty for fewer than two trials).</summary>
    public IReadOnlyDictionary<string, object> Shared { get; }

    /// <summary>The line that names the shared settings once ("same in every trial: ..."), or null when there are none.</summary>
    public string? SharedLine => Shared.Count == 0 ? null : "same in every trial: " + Formatting.Parameters(Shared);

    /// <summary>Splits by the trials of the whole sweep (<paramref name="trials"/>), not only the rows shown.</summary>
    public static ParameterColumns Of(IReadOnlyList<TrialSummary> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var shared = new SortedDictionary<string, object>(StringComparer.Ordinal);
        if (trials.Count >= 2)
        {
            foreach (var (name, value) in trials[0].Parameters)
            {
                if (trials.All(t => t.Parameters.TryGetValue(name, out var other) && Equals(other, value)))
                {
                    shared[name] = value;
                }
            }
        }

        return new ParameterColumns(shared, [.. shared.Keys]);
    }

    /// <summary>The trial's parameters that vary across the sweep, as name=value pairs.</summary>
    public string Varying(TrialSummary trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Formatting.Parameters(trial.Parameters.Where(p => !_fixed.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }
}
