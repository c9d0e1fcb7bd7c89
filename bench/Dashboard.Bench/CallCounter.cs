using System.Collections.Concurrent;

namespace HyperSweep.Dashboard.Bench;

/// <summary>Counts the grain calls the coordinator side receives, by interface and method (an incoming-call filter on the silo).</summary>
public sealed class CallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>The read calls a dashboard makes (what the cache exists to bound).</summary>
    public static readonly string[] DashboardReads =
    [
        "ISweepRegistryGrain.List", "ISweepGrain.GetStatus", "ISweepGrain.GetTrials", "ISweepGrain.GetLeaderboard", "ISweepGrain.GetTrial",
        "ISiloSlotsGrain.GetSlots", "IManagementGrain.GetDetailedHosts",
    ];

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.AddOrUpdate($"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}", 1, (_, n) => n + 1);
        await context.Invoke();
    }

    public void Reset() => _calls.Clear();

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_calls);
}
