using Orleans.Runtime.Placement;

namespace HyperSweep.Grains.Placement;

/// <summary>
/// Chooses the silo a <see cref="SiloPinnedPlacement"/> grain's key names. A key that does not name an active,
/// compatible silo is refused (the caller's call fails) rather than placed elsewhere, where it would answer for the
/// wrong silo. Chosen over Orleans' placement hint, which falls back to another silo silently.
/// </summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString();
        SiloAddress wanted;
        try
        {
            wanted = SiloAddress.FromParsableString(key);
        }
        catch (FormatException exception)
        {
            throw new OrleansException($"'{key}' is not a silo address (SiloAddress.ToParsableString())", exception);
        }

        return context.GetCompatibleSilos(target).Contains(wanted)
            ? Task.FromResult(wanted)
            : throw new OrleansException($"silo {key} is not an active silo of this cluster");
    }
}
