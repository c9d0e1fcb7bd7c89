using HyperSweep.Search.Sampling;
using HyperSweep.Search.Sampling.Tpe;

namespace HyperSweep.Search.Spec;

/// <summary>
/// The strategy section: <c>method</c> (grid, random, tpe), <c>trials</c>, <c>seed</c>, <c>max_grid_size</c>, and,
/// with <c>method: tpe</c>, TPE's settings under Optuna's names (<see cref="TpeSettings.Names"/>). An unknown key
/// is refused at its own line with the names the method accepts; a bad TPE value at the value.
/// </summary>
internal static class StrategySection
{
    private static readonly string[] CommonFields = ["method", "trials", "seed", "max_grid_size"];

    public static StrategySpec Parse(SpecNode node)
    {
        var entries = node.Map();
        var fields = entries.ToDictionary(f => f.Key, f => f.Value);
        var method = fields.TryGetValue("method", out var methodNode)
            ? methodNode.OneOf(["grid", "random", "tpe"]) switch
            {
                "grid" => SearchMethod.Grid,
                "tpe" => SearchMethod.Tpe,
                _ => SearchMethod.Random,
            }
            : SearchMethod.Random;
        var accepted = method == SearchMethod.Tpe ? CommonFields.Concat(TpeSettings.Names).ToArray() : CommonFields;
        foreach (var (key, value, keyMark) in entries)
        {
            if (!accepted.Contains(key))
            {
                var hint = TpeSettings.Names.Contains(key) ? $" ('{key}' is a TPE setting: it needs method: tpe)" : "";
                throw value.ErrorAt(keyMark, value.Path, $"unknown field '{key}'{hint}; expected one of: {string.Join(", ", accepted)}");
            }
        }
        int? trials = fields.TryGetValue("trials", out var trialsNode) ? trialsNode.Int(min: 1)
            : method == SearchMethod.Grid ? null : SweepSpecParser.DefaultRandomTrials;
        var seed = fields.TryGetValue("seed", out var seedNode) ? seedNode.Long() : 0;
        var maxGrid = fields.TryGetValue("max_grid_size", out var maxNode) ? maxNode.Long(min: 1) : GridSampler.DefaultMaxPoints;
        if (maxGrid > GridSampler.LargestMaxPoints)
        {
            throw maxNode!.Error($"must be <= {GridSampler.LargestMaxPoints} (a grid is held in memory); use random search for larger spaces");
        }
        return new StrategySpec(method, trials, seed, maxGrid, method == SearchMethod.Tpe ? Tpe(entries) : null);
    }

    private static TpeSettings Tpe(IReadOnlyList<(string Key, SpecNode Value, YamlDotNet.Core.Mark KeyMark)> entries)
    {
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value, _) in entries.Where(e => TpeSettings.Names.Contains(e.Key)))
        {
            settings[key] = value.Scalar();
        }
        try
        {
            return TpeSettings.From(settings);
        }
        catch (ArgumentException e)
        {
            var at = entries.FirstOrDefault(x => x.Key == e.ParamName).Value ?? entries.First(x => x.Key == "method").Value;
            throw at.Error(e.Message.Split(" (Parameter '")[0]);
        }
    }
}
