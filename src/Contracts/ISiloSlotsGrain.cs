namespace HyperSweep.Contracts;

/// <summary>
/// The training slots of one silo (key: the silo's address as <c>SiloAddress.ToParsableString()</c>, as listed by
/// Orleans' <c>IManagementGrain.GetDetailedHosts</c>). Its activation is pinned to that silo, so it answers from the
/// silo's own slot service; a key naming a silo that is not active fails the call instead of answering for another.
/// </summary>
[Alias("HyperSweep.ISiloSlotsGrain")]
public interface ISiloSlotsGrain : IGrainWithStringKey
{
    [Alias("GetSlots"), Orleans.Concurrency.AlwaysInterleave]
    Task<SiloSlots> GetSlots();
}
