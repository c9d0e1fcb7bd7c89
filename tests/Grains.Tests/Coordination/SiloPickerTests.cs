using HyperSweep.Grains.Coordination;

namespace HyperSweep.Grains.Tests.Coordination;

public sealed class SiloPickerTests
{
    private static readonly Dictionary<string, int> NoLoad = [];

    [Fact]
    public void A_silo_not_heard_from_gets_one_trial_per_batch()
    {
        var picker = new SiloPicker();
        Assert.Equal(["a", "b"], picker.Choose(5, ["b", "a"], NoLoad));
    }

    [Fact]
    public void Trials_go_to_the_silo_with_the_most_free_slots_counting_the_batch_itself()
    {
        var picker = new SiloPicker();
        picker.LearnCapacity("a", 2);
        picker.LearnCapacity("b", 4);
        var chosen = picker.Choose(10, ["a", "b"], new Dictionary<string, int> { ["b"] = 1 });
        // b has 3 free, a 2: b, then a tie (2 and 2) broken by name, and so on until both are full.
        Assert.Equal(["b", "a", "b", "a", "b"], chosen);
    }

    [Fact]
    public void A_refusing_silo_is_skipped_until_refusals_are_forgotten()
    {
        var picker = new SiloPicker();
        picker.LearnCapacity("a", 2);
        picker.LearnCapacity("b", 2);
        picker.Refused("a");
        Assert.Equal(["b", "b"], picker.Choose(4, ["a", "b"], NoLoad));
        picker.ForgetRefusals();
        Assert.Equal(["a", "b", "a", "b"], picker.Choose(4, ["a", "b"], NoLoad));
    }

    [Fact]
    public void Full_or_inactive_silos_get_nothing()
    {
        var picker = new SiloPicker();
        picker.LearnCapacity("a", 1);
        picker.LearnCapacity("gone", 8);
        Assert.Empty(picker.Choose(3, ["a"], new Dictionary<string, int> { ["a"] = 1 }));
    }
}
