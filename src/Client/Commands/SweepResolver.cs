using HyperSweep.Search.Spec;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// Finds the sweep a user named: an exact id, a sweep name (the newest sweep with it) or a unique id prefix.
/// Anything else is a <see cref="CliInputException"/> listing the closest ids and names.
/// </summary>
public static class SweepResolver
{
    public static async Task<(ISweepGrain Grain, SweepStatus Status)> ResolveAsync(IGrainFactory grains, string sweep)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (!string.IsNullOrWhiteSpace(sweep))
        {
            var direct = grains.GetGrain<ISweepGrain>(sweep);
            if (await direct.GetStatus() is { } status)
            {
                return (direct, status);
            }
        }

        var registry = grains.GetGrain<ISweepRegistryGrain>(0);
        var byName = await registry.FindByName(sweep);
        var known = await registry.List();
        var prefixed = known.Where(k => k.SweepId.StartsWith(sweep, StringComparison.Ordinal)).ToList();
        var match = byName.Count > 0 ? byName[0].SweepId : prefixed.Count == 1 ? prefixed[0].SweepId : null;
        if (match is not null && !string.IsNullOrWhiteSpace(sweep))
        {
            var grain = grains.GetGrain<ISweepGrain>(match);
            if (await grain.GetStatus() is { } status)
            {
                return (grain, status);
            }
        }

        var closest = Suggestions.Closest(sweep, known.SelectMany(k => new[] { k.SweepId, k.Name }));
        var hint = known.Count == 0 ? "there are no sweeps in this state directory yet (start one with: hypersweep run <spec.yaml>)"
            : closest.Count > 0 ? $"did you mean {string.Join(" or ", closest.Select(c => $"'{c}'"))}? (hypersweep ls lists every sweep)"
            : "hypersweep ls lists every sweep";
        throw new CliInputException($"no sweep '{sweep}'; {hint}");
    }
}
