using System.Collections.Concurrent;
using HyperSweep.Grains.Slots;

namespace HyperSweep.Grains.Telemetry;

/// <summary>
/// The training slots of every silo in this process, by silo address: the source of the per-silo gauges
/// (a test host runs several silos in one process; each appears as its own series).
/// </summary>
public static class SiloSlotGauges
{
    private static readonly ConcurrentDictionary<string, TrainingSlots> Silos = new(StringComparer.Ordinal);

    public static void Register(string silo, TrainingSlots slots) => Silos[silo] = slots;

    public static void Unregister(string silo) => Silos.TryRemove(silo, out _);

    public static IEnumerable<(string Silo, TrainingSlots Slots)> All() => Silos.Select(s => (s.Key, s.Value));
}
