using HyperSweep.Grains.Telemetry;

namespace HyperSweep.Telemetry.Tests;

/// <summary>The objective gauge's store keeps the latest value per trial and never more trials than its capacity.</summary>
public sealed class LatestObjectivesTests
{
    [Fact]
    public void Keeps_the_latest_value_and_drops_the_least_recently_updated_trial_beyond_capacity()
    {
        var store = new LatestObjectives(capacity: 3);
        store.Set("a", 0, 1.0);
        store.Set("a", 1, 2.0);
        store.Set("a", 2, 3.0);
        store.Set("a", 0, 0.5); // trial 0 is now the most recent; trial 1 the least recent
        store.Set("b", 0, 9.0);

        var values = store.Snapshot().ToDictionary(v => (v.Sweep, v.Trial), v => v.Value);
        Assert.Equal(3, values.Count);
        Assert.Equal(0.5, values[("a", 0)]);
        Assert.False(values.ContainsKey(("a", 1)));
        Assert.Equal(3.0, values[("a", 2)]);
        Assert.Equal(9.0, values[("b", 0)]);
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LatestObjectives(0));
        Assert.Equal("capacity", error.ParamName);
    }
}
