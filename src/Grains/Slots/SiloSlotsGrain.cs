using HyperSweep.Contracts;
using HyperSweep.Grains.Placement;

namespace HyperSweep.Grains.Slots;

/// <summary>
/// Answers <see cref="ISiloSlotsGrain"/> from this silo's <see cref="TrainingSlots"/>; pinned to the silo its key
/// names. Holds no state: an activation is only a window on the silo-wide service.
/// </summary>
[SiloPinnedPlacement]
public sealed class SiloSlotsGrain(TrainingSlots slots, ILocalSiloDetails silo) : Grain, ISiloSlotsGrain
{
    public Task<SiloSlots> GetSlots() =>
        Task.FromResult(new SiloSlots(silo.SiloAddress.ToParsableString(), slots.Capacity, slots.InUse, slots.PeakInUse, slots.RunningKeys()));
}
