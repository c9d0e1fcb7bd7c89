using HyperSweep.Search.Scheduling;
using HyperSweep.Search.Spaces;
using YamlDotNet.RepresentationModel;

namespace HyperSweep.Search.Spec;

/// <summary>
/// The scheduler section: a name (<c>scheduler: asha</c>) or a map with 'name' and its settings (docs/SPEC.md). The
/// settings are checked by building the scheduler; a refusal points at the setting's line. Beyond that: a spec gives a
/// scheduler or a pruner, not both; PBT perturbs only searched parameters that can change mid-training (the schema
/// says which), and its population is the sweep's trial count.
/// </summary>
internal static class SchedulerSection
{
    public static SchedulerSpec Parse(SpecNode node, SpecNode? prunerNode, SpecNode? strategyNode, StrategySpec strategy, SearchSpace space,
        BudgetSpec budget, ISweepSchema schema)
    {
        if (prunerNode is not null)
        {
            throw node.Error(
                $"'scheduler' (line {Line(node)}) and 'pruner' (line {Line(prunerNode)}) cannot both be given: a scheduler decides what a pruner would " +
                "(scheduler asha with promotion: false is the successive_halving pruner); keep one");
        }

        var spec = Read(node, space, schema);
        try
        {
            SchedulerFactory.Create(spec, new SchedulerContext(space, budget.MaxEpochs, strategy.Seed));
        }
        catch (ArgumentException e)
        {
            throw (e.ParamName is { } setting && node.Node is YamlMappingNode ? node.Locate(setting) : node).Error(PrunerSection.Problem(e));
        }

        if (spec.Name == SchedulerFactory.Pbt)
        {
            CheckPopulation(node, strategyNode, strategy, space, Convert.ToInt32(spec.Settings["population"], System.Globalization.CultureInfo.InvariantCulture));
        }

        return spec;
    }

    private static SchedulerSpec Read(SpecNode node, SearchSpace space, ISweepSchema schema)
    {
        if (node.Node is YamlScalarNode)
        {
            return new SchedulerSpec(node.OneOf(SchedulerFactory.KnownNames), new Dictionary<string, object?>());
        }

        var entries = node.Map();
        var nameEntry = entries.FirstOrDefault(e => e.Key == "name");
        if (nameEntry.Value is null)
        {
            throw node.Error($"a scheduler map needs 'name' (one of {string.Join(", ", SchedulerFactory.KnownNames)})");
        }

        var name = nameEntry.Value.OneOf(SchedulerFactory.KnownNames);
        var allowed = SchedulerFactory.SettingsOf(name);
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value, keyMark) in entries.Where(e => e.Key != "name"))
        {
            if (!allowed.Contains(key))
            {
                throw value.ErrorAt(keyMark, value.Path, $"unknown setting '{key}'; {name} takes: {string.Join(", ", allowed)}");
            }

            settings[key] = key == "perturb" ? Perturb(value, space, schema) : value.Scalar();
        }

        return new SchedulerSpec(name, settings);
    }

    /// <summary>pbt's perturb map: each a searched parameter the schema lets change mid-training, with its factors.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<double>> Perturb(SpecNode node, SearchSpace space, ISweepSchema schema)
    {
        var perturb = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var (parameter, factors, keyMark) in node.Map())
        {
            if (!schema.HyperParameters.Contains(parameter))
            {
                throw factors.ErrorAt(keyMark, factors.Path, $"unknown hyper-parameter '{parameter}'");
            }

            if (!schema.CanChangeMidTraining(parameter))
            {
                var adjustable = schema.HyperParameters.Where(schema.CanChangeMidTraining);
                throw factors.ErrorAt(keyMark, factors.Path,
                    $"'{parameter}' cannot change mid-training (a checkpoint's weights or optimizer state depend on it); PBT perturbs only {string.Join(", ", adjustable)}");
            }

            if (space.Parameters.All(p => p.Name != parameter))
            {
                throw factors.ErrorAt(keyMark, factors.Path, $"'{parameter}' is not searched: PBT perturbs a parameter within its domain under 'parameters'");
            }

            perturb[parameter] = [.. factors.Sequence().Select(f => f.Double())];
        }

        return perturb;
    }

    /// <summary>The population is the trial count: strategy.trials, if given, must agree, and a grid must hold that many points.</summary>
    private static void CheckPopulation(SpecNode node, SpecNode? strategyNode, StrategySpec strategy, SearchSpace space, int population)
    {
        var trials = strategyNode?.Node is YamlMappingNode ? strategyNode.Map().FirstOrDefault(f => f.Key == "trials").Value : null;
        if (trials is not null && strategy.Trials != population)
        {
            throw trials.Error($"pbt's population ({population}) is the sweep's trial count: remove strategy.trials or make it {population}");
        }

        if (strategy.Method == SearchMethod.Grid && space.Parameters.Aggregate(1L, (n, p) => n * (p.Domain.GridCount ?? 1)) < population)
        {
            throw node.Locate("population").Error($"the grid holds fewer configurations than population {population}: enlarge the grid or use strategy.method random");
        }
    }

    private static long Line(SpecNode node) => (node.KeyMark ?? node.Node.Start).Line;
}
