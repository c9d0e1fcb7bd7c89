using System.Text.Json;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Builds the JSON test specs read by <see cref="TestPlanFactory"/>.</summary>
internal static class TestSpec
{
    public static string Of(
        Dictionary<string, object[]> parameters,
        string strategy = "grid",
        int maxEpochs = 3,
        int concurrency = 2,
        int trials = 0,
        long seed = 7,
        Dictionary<string, object>? fixedParameters = null,
        string metric = "val_loss",
        bool maximize = false,
        string? pruner = null,
        Dictionary<string, object>? prunerSettings = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["name"] = "test-sweep",
            ["metric"] = metric,
            ["maximize"] = maximize,
            ["max_epochs"] = maxEpochs,
            ["concurrency"] = concurrency,
            ["strategy"] = strategy,
            ["trials"] = trials,
            ["seed"] = seed,
            ["params"] = parameters,
            ["fixed"] = fixedParameters ?? new Dictionary<string, object>(),
            ["pruner"] = pruner is null ? null : new Dictionary<string, object> { ["name"] = pruner, ["settings"] = prunerSettings ?? new Dictionary<string, object>() },
        }.Where(e => e.Value is not null).ToDictionary());
}
