using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>The registry's persisted list of sweeps by id.</summary>
[GenerateSerializer, Alias("HyperSweep.SweepRegistryState")]
public sealed class SweepRegistryState
{
    [Id(0)] public Dictionary<string, SweepEntry> Sweeps { get; set; } = new(StringComparer.Ordinal);
}
