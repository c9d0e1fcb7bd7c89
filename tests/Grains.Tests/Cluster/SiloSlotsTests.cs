using HyperSweep.Contracts;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>ISiloSlotsGrain answers from the silo its key names (the dashboard's cluster page), and refuses a silo that is gone.</summary>
public sealed class SiloSlotsTests
{
    [Fact]
    public async Task Each_silo_answers_for_its_own_slots_and_a_stopped_silo_is_refused()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 2, slotsPerSilo: 3);
        foreach (var silo in cluster.Cluster.Silos)
        {
            var address = silo.SiloAddress.ToParsableString();
            var slots = await cluster.Grains.GetGrain<ISiloSlotsGrain>(address).GetSlots();
            Assert.Equal(address, slots.Silo);
            Assert.Equal(3, slots.Capacity);
            Assert.Equal(0, slots.InUse);
            Assert.Empty(slots.RunningTrials);
        }

        var gone = cluster.Cluster.Silos[1].SiloAddress.ToParsableString();
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[1]);
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.Grains.GetGrain<ISiloSlotsGrain>(gone).GetSlots());
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.Grains.GetGrain<ISiloSlotsGrain>("not a silo").GetSlots());
    }
}
