using System.Text.Json;
using HyperSweep.Contracts;
using HyperSweep.Grains.Planning;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>
/// Grain-logic tests describe sweeps in a compact JSON form that maps straight onto the Search library's real
/// samplers and pruners (the YAML spec format and its validation are Search's and are tested there and in the
/// end-to-end tests). Invalid JSON or a bad pruner gives a <see cref="SweepSpecException"/> like the real parser.
/// </summary>
internal sealed class TestPlanFactory : ISweepPlanFactory
{
    public ISweepPlan Create(string specText, string sourceName)
    {
        try
        {
            using var document = JsonDocument.Parse(specText);
            var root = document.RootElement;
            var parameters = root.GetProperty("params").EnumerateObject()
                .Select(p => new SearchParameter(p.Name, new CategoricalDomain(p.Value.EnumerateArray().Select(Scalar).ToList())))
                .ToList();
            var space = new SearchSpace(parameters);
            var strategy = root.GetProperty("strategy").GetString();
            ISampler sampler = strategy == "grid" ? new GridSampler(space) : new RandomSampler(space, root.GetProperty("seed").GetInt64());
            var planned = strategy == "grid" ? (int)sampler.Size!.Value : root.GetProperty("trials").GetInt32();
            var fixedParameters = root.TryGetProperty("fixed", out var f)
                ? f.EnumerateObject().ToDictionary(p => p.Name, p => Scalar(p.Value))
                : new Dictionary<string, object>();
            var pruner = root.TryGetProperty("pruner", out var p)
                ? new PrunerSpec(p.GetProperty("name").GetString()!, p.TryGetProperty("settings", out var s)
                    ? s.EnumerateObject().ToDictionary(e => e.Name, e => (object?)Scalar(e.Value))
                    : new Dictionary<string, object?>())
                : PrunerSpec.Nop;
            PrunerFactory.Create(pruner);
            return new SamplerSweepPlan(
                root.GetProperty("name").GetString()!,
                new Objective(root.GetProperty("metric").GetString()!, root.GetProperty("maximize").GetBoolean()),
                root.GetProperty("max_epochs").GetInt32(),
                root.GetProperty("concurrency").GetInt32(),
                planned,
                "{}",
                pruner,
                sampler,
                fixedParameters,
                root.TryGetProperty("seed", out var seed) ? seed.GetInt64() : 0);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            throw new SweepSpecException([new SpecError(sourceName, 1, 1, (exception as ArgumentException)?.ParamName, exception.Message)]);
        }
    }

    private static object Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var l) => l,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw new ArgumentException($"'{value}' is not a scalar", "params"),
    };
}
