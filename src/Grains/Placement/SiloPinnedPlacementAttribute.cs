using Orleans.Placement;

namespace HyperSweep.Grains.Placement;

/// <summary>Marks a grain class whose activations live on the silo named by their key (<see cref="SiloPinnedPlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacement.Instance);
