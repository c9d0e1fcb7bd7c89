using System.Globalization;
using System.Text;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>
/// Builds real YAML sweep specs (docs/SPEC.md) for grain-logic tests: categorical parameters (usually the synthetic
/// workload's controls, which its schema accepts beside the Engine's hyper-parameters), fixed model settings, a
/// strategy, an objective, an optional pruner. The coordinator parses them with the real parser and schema.
/// </summary>
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
        Dictionary<string, object>? prunerSettings = null)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("name: test-sweep");
        yaml.AppendLine($"objective: {{metric: {metric}, direction: {(maximize ? "maximize" : "minimize")}}}");
        yaml.AppendLine($"strategy: {{method: {strategy}, seed: {seed}{(trials > 0 ? $", trials: {trials}" : "")}}}");
        yaml.AppendLine($"budget: {{max_epochs: {maxEpochs}}}");
        yaml.AppendLine($"concurrency: {concurrency}");
        if (fixedParameters is { Count: > 0 })
        {
            yaml.AppendLine($"model: {Map(fixedParameters)}");
        }

        yaml.AppendLine("parameters:");
        foreach (var (name, values) in parameters)
        {
            yaml.AppendLine($"  {name}: {{values: [{string.Join(", ", values.Select(Scalar))}]}}");
        }

        yaml.AppendLine(pruner is null ? "pruner: none" : $"pruner: {Map(new Dictionary<string, object>(prunerSettings ?? []) { ["name"] = pruner })}");
        return yaml.ToString();
    }

    private static string Map(IReadOnlyDictionary<string, object> values) =>
        "{" + string.Join(", ", values.Select(v => $"{v.Key}: {Scalar(v.Value)}")) + "}";

    private static string Scalar(object value) => value switch
    {
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var r && (r.Contains('.') || r.Contains('E')) ? r : r + ".0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
