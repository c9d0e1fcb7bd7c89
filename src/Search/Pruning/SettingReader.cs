namespace HyperSweep.Search.Pruning;

/// <summary>
/// Reads the settings of a pruner or scheduler as a spec gives them (long, double, bool, "auto", nested specs) with
/// the accepted type checked; every refusal is an <see cref="ArgumentException"/> whose ParamName is the setting.
/// </summary>
internal sealed class SettingReader(IReadOnlyDictionary<string, object?> settings)
{
    public int Int(string key, int fallback) =>
        settings.TryGetValue(key, out var value) ? ToInt(key, value) : fallback;

    public int RequiredInt(string key) =>
        settings.TryGetValue(key, out var value) ? ToInt(key, value) : throw Missing(key, "an integer");

    public int? IntOrAuto(string key, int? fallback)
    {
        if (!settings.TryGetValue(key, out var value))
        {
            return fallback;
        }
        return value is string text && text == "auto" ? null : ToInt(key, value, "an integer or \"auto\"");
    }

    public double Double(string key, double fallback) =>
        settings.TryGetValue(key, out var value) ? ToDouble(key, value) : fallback;

    public double RequiredDouble(string key) =>
        settings.TryGetValue(key, out var value) ? ToDouble(key, value) : throw Missing(key, "a number");

    public double? NullableDouble(string key) =>
        settings.TryGetValue(key, out var value) && value is not null ? ToDouble(key, value) : null;

    public bool Bool(string key, bool fallback) =>
        !settings.TryGetValue(key, out var value) ? fallback
        : value is bool b ? b
        : throw new ArgumentException($"'{key}' must be true or false, not '{value}'", key);

    public IPruner? Pruner(string key) =>
        !settings.TryGetValue(key, out var value) || value is null ? null
        : value is PrunerSpec spec ? PrunerFactory.Create(spec)
        : throw new ArgumentException($"'{key}' must be a pruner (a map with 'name' and settings), not '{value}'", key);

    private static int ToInt(string key, object? value, string expected = "an integer") => value switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        double d when d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue => (int)d,
        _ => throw new ArgumentException($"'{key}' must be {expected}, not '{value}'", key),
    };

    private static double ToDouble(string key, object? value) => value switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => throw new ArgumentException($"'{key}' must be a number, not '{value}'", key),
    };

    private static ArgumentException Missing(string key, string what) =>
        new($"'{key}' is required ({what})", key);
}
