using System.Globalization;

namespace HyperSweep.Search;

/// <summary>
/// Command-line settings given as key=value (<c>--set n_startup_trials=3</c>), for the sampler and pruner factories:
/// values become bool, long, double or string like YAML scalars ("auto" stays a string, "null" is null).
/// </summary>
public static class SettingPairs
{
    public static IReadOnlyDictionary<string, object?> Parse(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--set needs key=value, not '{pair}'", "--set");
            }
            var key = pair[..equals].Trim();
            var text = pair[(equals + 1)..].Trim();
            settings[key] = text switch
            {
                "true" => true,
                "false" => false,
                "null" => null,
                _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
                _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => text,
            };
        }
        return settings;
    }
}
