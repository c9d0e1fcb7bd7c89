using HyperSweep.Search.Sampling.Tpe;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Sampling;

/// <summary>
/// Model-free and model-based samplers by name, for replays and benchmarks (a sweep's own sampler comes from its
/// spec, <c>SweepSpec.CreateSampler</c>): <c>random</c> (no settings) and <c>tpe</c> (<see cref="TpeSettings.Names"/>).
/// </summary>
public static class SamplerFactory
{
    public static IReadOnlyList<string> Names { get; } = ["tpe", "random"];

    /// <summary>A fresh sampler; ArgumentException (naming the setting) for an unknown name or setting.</summary>
    public static ISampler Create(string name, SearchSpace space, long seed, IReadOnlyDictionary<string, object?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        settings ??= new Dictionary<string, object?>();
        switch (name)
        {
            case "tpe":
                return new TpeSampler(space, seed, TpeSettings.From(settings));
            case "random":
                if (settings.Count > 0)
                {
                    throw new ArgumentException($"the random sampler takes no settings (got {string.Join(", ", settings.Keys)})", settings.Keys.First());
                }
                return new RandomSampler(space, seed);
            default:
                throw new ArgumentException($"unknown sampler '{name}'; expected one of: {string.Join(", ", Names)}", nameof(name));
        }
    }

    /// <summary>Checks a name and its settings without a space (CLI argument validation).</summary>
    public static void Validate(string name, IReadOnlyDictionary<string, object?> settings) => Create(name, new SearchSpace([]), 0, settings);
}
