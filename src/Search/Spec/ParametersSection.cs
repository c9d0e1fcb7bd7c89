using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;
using YamlDotNet.RepresentationModel;

namespace HyperSweep.Search.Spec;

/// <summary>
/// The parameters section, W&amp;B/Katib style: <c>values: [...]</c> (or a bare list, or <c>value: x</c>),
/// or <c>min</c>/<c>max</c> with an optional <c>distribution</c> and <c>step</c>, and an optional
/// <c>when: {other: value}</c> condition on a parameter declared above it.
/// </summary>
internal static class ParametersSection
{
    private static readonly string[] Fields = ["values", "value", "min", "max", "step", "distribution", "when"];

    private static readonly string[] Distributions =
        ["categorical", "int_uniform", "uniform", "log_uniform", "log_uniform_values", "int_log_uniform"];

    public static SearchSpace Parse(
        SpecNode node, IReadOnlyDictionary<string, object> model, StrategySpec strategy, SpecNode? strategyNode, ISweepSchema schema, string taskKind)
    {
        var parameters = new List<SearchParameter>();
        var declared = new Dictionary<string, SearchParameter>(StringComparer.Ordinal);
        foreach (var (name, definition, keyMark) in node.Map([.. schema.HyperParameters]))
        {
            if (model.ContainsKey(name))
            {
                throw definition.ErrorAt(keyMark, definition.Path, $"'{name}' is both a fixed model setting and a searched parameter");
            }
            var parameter = Parameter(name, definition, declared, new ValueCheck(schema, taskKind, name));
            parameters.Add(parameter);
            declared.Add(name, parameter);
        }
        var space = new SearchSpace(parameters);
        if (strategy.Method == SearchMethod.Grid)
        {
            CheckGrid(node, space, strategy, strategyNode);
        }
        return space;
    }

    private static SearchParameter Parameter(string name, SpecNode node, IReadOnlyDictionary<string, SearchParameter> declared, ValueCheck check)
    {
        if (node.Node is YamlSequenceNode)
        {
            return new SearchParameter(name, Categorical(node, check));
        }
        var fields = node.Map(Fields).ToDictionary(f => f.Key, f => f.Value);
        var hasChoices = fields.ContainsKey("values") || fields.ContainsKey("value");
        var hasRange = fields.ContainsKey("min") || fields.ContainsKey("max");
        if (fields.ContainsKey("values") && fields.ContainsKey("value"))
        {
            throw fields["value"].Error("give either 'values' (a list) or 'value' (one fixed value), not both");
        }
        if (hasChoices && hasRange)
        {
            throw (fields.GetValueOrDefault("min") ?? fields["max"]).Error("a parameter has either 'values' or 'min'/'max', not both");
        }
        var distribution = fields.TryGetValue("distribution", out var distributionNode) ? distributionNode.OneOf(Distributions) : null;
        ParameterDomain domain;
        if (hasChoices)
        {
            if (distribution is not null and not "categorical")
            {
                throw distributionNode!.Error($"distribution {distribution} needs min and max, not a list of values");
            }
            if (fields.TryGetValue("step", out var stepNode))
            {
                throw stepNode.Error("'step' applies to a min/max range, not to a list of values");
            }
            domain = fields.TryGetValue("values", out var valuesNode)
                ? Categorical(valuesNode, check)
                : new CategoricalDomain([check.Accepted(fields["value"], fields["value"].Scalar() ?? throw fields["value"].Error("'value' needs a value"))]);
        }
        else if (hasRange)
        {
            try
            {
                domain = Range(node, fields, distribution, distributionNode, check);
            }
            catch (ArgumentException e)
            {
                throw node.Error(e.Message.Split(" (Parameter '")[0]);
            }
        }
        else
        {
            throw node.Error("a parameter needs 'values' (a list) or 'min' and 'max'");
        }
        var when = fields.TryGetValue("when", out var whenNode) ? Condition(name, whenNode, declared) : null;
        return new SearchParameter(name, domain, when);
    }

    private static CategoricalDomain Categorical(SpecNode node, ValueCheck check)
    {
        var items = node.Sequence();
        if (items.Count == 0)
        {
            throw node.Error("the list of values is empty");
        }
        var values = new List<object>();
        foreach (var item in items)
        {
            var value = item.Scalar() ?? throw item.Error("a value cannot be empty");
            if (value is double d && !double.IsFinite(d))
            {
                throw item.Error("values must be finite numbers");
            }
            if (values.Any(v => ParameterValues.AreEqual(v, value)))
            {
                throw item.Error($"value {SpecNode.DescribeValue(value)} is listed twice");
            }
            values.Add(check.Accepted(item, value));
        }
        return new CategoricalDomain(values);
    }

    private static ParameterDomain Range(SpecNode node, Dictionary<string, SpecNode> fields, string? distribution, SpecNode? distributionNode, ValueCheck check)
    {
        if (!fields.TryGetValue("min", out var minNode) || !fields.TryGetValue("max", out var maxNode))
        {
            throw node.Error($"a range needs both 'min' and 'max' (missing '{(fields.ContainsKey("min") ? "max" : "min")}')");
        }
        var minValue = minNode.Scalar();
        var maxValue = maxNode.Scalar();
        fields.TryGetValue("step", out var stepNode);
        var stepValue = stepNode?.Scalar();
        if (distribution == "categorical")
        {
            throw distributionNode!.Error("distribution categorical needs 'values', not min/max");
        }
        var kind = check.Kind;
        if (kind is SchemaValueKind.Boolean or SchemaValueKind.Text)
        {
            throw node.Error($"'{check.Parameter}' takes {(kind == SchemaValueKind.Boolean ? "true or false" : "names")}, not a range: list them under 'values'");
        }
        // The parameter's own kind decides how a range without a distribution is read: lr 0..1 is real, layers 1..4 integer.
        distribution ??= kind == SchemaValueKind.Integer || kind == SchemaValueKind.Any && minValue is long && maxValue is long && stepValue is null or long
            ? "int_uniform"
            : "uniform";
        var isInt = distribution is "int_uniform" or "int_log_uniform";
        var isLog = distribution is "log_uniform" or "log_uniform_values" or "int_log_uniform";
        if (!isInt && kind == SchemaValueKind.Integer)
        {
            throw distributionNode!.Error($"'{check.Parameter}' takes integers: use int_uniform or int_log_uniform");
        }
        if (isInt)
        {
            var min = minNode.Long();
            var max = maxNode.Long();
            if (min > max)
            {
                throw minNode.Error($"min {min} is greater than max {max}");
            }
            if (isLog && min < 1)
            {
                throw minNode.Error($"{distribution} needs min >= 1, not {min}");
            }
            var step = stepNode is null ? 1 : stepNode.Long();
            if (step < 1)
            {
                throw stepNode!.Error($"step must be >= 1, not {step}");
            }
            if (isLog && stepNode is not null)
            {
                throw stepNode.Error($"{distribution} cannot have a step");
            }
            if ((max - min) % step != 0)
            {
                var last = min + (max - min) / step * step;
                throw stepNode!.Error($"max {max} is not min {min} plus a whole number of steps {step}: the last value would be {last}; set max to {last} or {last + step}");
            }
            check.Accepted(minNode, min);
            check.Accepted(maxNode, max);
            return new IntDomain(min, max, step, isLog);
        }
        var low = minNode.Double();
        var high = maxNode.Double();
        if (!double.IsFinite(low))
        {
            throw minNode.Error("min must be a finite number");
        }
        if (!double.IsFinite(high))
        {
            throw maxNode.Error("max must be a finite number");
        }
        if (low > high)
        {
            throw minNode.Error($"min {low} is greater than max {high}");
        }
        if (isLog && !(low > 0))
        {
            throw minNode.Error($"{distribution} needs min > 0 (a log scale), not {low}");
        }
        double? floatStep = null;
        if (stepNode is not null)
        {
            if (isLog)
            {
                throw stepNode.Error($"{distribution} cannot have a step");
            }
            floatStep = stepNode.Double();
            if (!(floatStep > 0) || !double.IsFinite(floatStep.Value))
            {
                throw stepNode.Error($"step must be a positive number, not {floatStep}");
            }
            var steps = (high - low) / floatStep.Value;
            if (Math.Abs(steps - Math.Round(steps)) > 1e-9 * Math.Max(1, steps))
            {
                var last = low + Math.Floor(steps) * floatStep.Value;
                throw stepNode.Error(
                    $"max {high} is not min {low} plus a whole number of steps {floatStep}: the last value would be {last:G15}; set max to {last:G15} or {last + floatStep.Value:G15}");
            }
        }
        check.Accepted(minNode, low);
        check.Accepted(maxNode, high);
        return new FloatDomain(low, high, floatStep, isLog);
    }

    private static ParameterCondition Condition(string name, SpecNode node, IReadOnlyDictionary<string, SearchParameter> declared)
    {
        var requirements = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal);
        foreach (var (other, valueNode, keyMark) in node.Map())
        {
            if (other == name)
            {
                throw valueNode.ErrorAt(keyMark, valueNode.Path, $"'{name}' cannot depend on itself");
            }
            if (!declared.TryGetValue(other, out var earlier))
            {
                throw valueNode.ErrorAt(keyMark, valueNode.Path,
                    $"'{other}' is not a parameter declared above '{name}' (conditions refer to earlier parameters)");
            }
            var allowed = valueNode.Node is YamlSequenceNode
                ? valueNode.Sequence().Select(v => v.Scalar() ?? throw v.Error("a condition value cannot be empty")).ToList()
                : [valueNode.Scalar() ?? throw valueNode.Error("a condition value cannot be empty")];
            if (allowed.Count == 0)
            {
                throw valueNode.Error("the list of condition values is empty");
            }
            foreach (var value in allowed)
            {
                if (!earlier.Domain.Contains(value))
                {
                    throw valueNode.Error($"{SpecNode.DescribeValue(value)} is not a possible value of '{other}'");
                }
            }
            requirements[other] = allowed;
        }
        if (requirements.Count == 0)
        {
            throw node.Error("'when' needs at least one 'parameter: value' condition");
        }
        return new ParameterCondition(requirements);
    }

    private static void CheckGrid(SpecNode node, SearchSpace space, StrategySpec strategy, SpecNode? strategyNode)
    {
        if (space.FirstContinuousParameter is { } continuous)
        {
            var definition = node.Map().First(e => e.Key == continuous.Name).Value;
            throw definition.Error(
                $"'{continuous.Name}' is a continuous float: a grid cannot enumerate it (add 'step', list 'values', or use strategy.method random)");
        }
        try
        {
            _ = new GridSampler(space, strategy.MaxGridSize);
        }
        catch (ArgumentException e)
        {
            var strategyFields = strategyNode?.Map() ?? [];
            var at = strategyFields.FirstOrDefault(f => f.Key == "max_grid_size").Value
                ?? strategyFields.FirstOrDefault(f => f.Key == "method").Value ?? node;
            var problem = e.Message.Split(" (Parameter '")[0];
            throw new SpecException(at.Source, at.Path.Length == 0 ? "strategy" : at.Path, at.Node.Start.Line, at.Node.Start.Column, problem);
        }
    }
}
