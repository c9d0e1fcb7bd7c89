using System.Globalization;

namespace HyperSweep.Search.Bench;

/// <summary>Command-line options shared by the bench modes (see bench/README-search.md).</summary>
internal sealed class BenchOptions
{
    private readonly string[] _args;

    public BenchOptions(string[] args)
    {
        _args = args;
    }

    public bool Has(string flag) => _args.Contains(flag);

    public string? Value(string name)
    {
        var index = Array.IndexOf(_args, name);
        return index >= 0 && index + 1 < _args.Length ? _args[index + 1] : null;
    }

    /// <summary>Every value given for a repeatable option.</summary>
    public IReadOnlyList<string> Values(string name) =>
        _args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < _args.Length).Select(x => _args[x.i + 1]).ToList();

    public int Int(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) => Value(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public int Repeats => Int("--repeats", 15);

    /// <summary>The <c>--set key=value</c> pairs (sampler settings).</summary>
    public IReadOnlyDictionary<string, object?> Settings() => SettingPairs.Parse(Values("--set"));

    public IReadOnlyList<int>? Histories => Value("--histories")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    public IReadOnlyList<string> Variants => Value("--variants")?.Split(',') ?? ["univariate", "multivariate"];
}
