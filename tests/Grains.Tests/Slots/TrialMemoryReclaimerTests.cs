using HyperSweep.Grains.Slots;

namespace HyperSweep.Grains.Tests.Slots;

public sealed class TrialMemoryReclaimerTests
{
    [Fact]
    public void Discarding_a_threshold_of_checkpoints_collects_every_generation()
    {
        var before = GC.CollectionCount(GC.MaxGeneration);

        TrialMemoryReclaimer.Discarded(TrialMemoryReclaimer.CollectAfterBytes);

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before, "no gen-2 collection after a threshold of discarded checkpoints");
    }

    [Fact]
    public void A_run_that_allocated_a_threshold_is_followed_by_a_full_collection()
    {
        var before = GC.CollectionCount(GC.MaxGeneration);

        TrialMemoryReclaimer.RunEnded(TrialMemoryReclaimer.CollectAfterBytes);

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before, "no gen-2 collection after a run that allocated a threshold");
    }
}
