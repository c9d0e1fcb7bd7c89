namespace HyperSweep.Grains.Placement;

/// <summary>
/// Places a grain on the silo its string key names (a <c>SiloAddress.ToParsableString()</c>): for per-silo grains
/// such as <see cref="Slots.SiloSlotsGrain"/>, which must answer from that silo's own services.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SiloPinnedPlacement")]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    public static SiloPinnedPlacement Instance { get; } = new();
}
