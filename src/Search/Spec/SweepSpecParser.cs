using System.Text.RegularExpressions;
using HyperSweep.Search.Pruning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperSweep.Search.Spec;

/// <summary>
/// Reads a sweep spec (YAML, docs/SPEC.md) into an immutable, validated <see cref="SweepSpec"/>. Every
/// problem — bad YAML, unknown field, wrong type, impossible range, unknown pruner — is a
/// <see cref="SpecException"/> naming the field and its line:column; nothing else escapes.
/// </summary>
public static partial class SweepSpecParser
{
    public const int DefaultMaxEpochs = 10;
    public const int DefaultConcurrency = 4;
    public const int DefaultRandomTrials = 20;

    private static readonly string[] TopLevelFields =
        ["name", "description", "task", "model", "objective", "strategy", "parameters", "pruner", "budget", "concurrency", "keep", "analysis"];

    /// <summary>Reads a spec file and checks the data files it names, relative to the file's folder.</summary>
    public static SweepSpec ParseFile(string path, ISweepSchema schema)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path), schema, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Parses spec text and checks every value against <paramref name="schema"/>.</summary>
    /// <param name="dataDirectory">
    /// The folder relative data paths resolve against; when given, the data files are opened and checked as training
    /// will read them. Null checks the text only.
    /// </param>
    /// <param name="hostFields">
    /// Top-level fields a host reads itself and the spec accepts for it (a trial file's <c>checkpoint</c>); null: none.
    /// </param>
    public static SweepSpec Parse(string yaml, string source, ISweepSchema schema, string? dataDirectory = null, IReadOnlyCollection<string>? hostFields = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(schema);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // YamlDotNet reports a tab in indentation at 1:1; point at the real line instead.
            if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndentedLine(yaml) is { } tabLine)
            {
                throw new SpecException(source, "(yaml syntax)", tabLine, 1, "a tab is used for indentation; YAML indents with spaces", e);
            }
            throw new SpecException(source, "(yaml syntax)", e.Start.Line, e.Start.Column, YamlProblem(e), e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlDotNet can also fail without a position: a bare InvalidOperationException on an unclosed
            // flow list, an ArgumentException on some malformed mappings (both found by SpecFuzzTests).
            // Loading only reads text, so any such failure is a syntax error: report the last readable token.
            var (line, column) = LastReadablePosition(yaml);
            var hint = e is InvalidOperationException ? " (an unclosed [ or { list/map?)" : "";
            throw new SpecException(source, "(yaml syntax)", line, column, $"the YAML cannot be read past this point{hint}", e);
        }
        if (stream.Documents.Count == 0)
        {
            throw new SpecException(source, "(document)", 1, 1, "the spec is empty");
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new SpecException(source, "(document)", second.Line, second.Column, "a spec holds one YAML document, found several");
        }
        var root = new SpecNode(source, "", stream.Documents[0].RootNode);
        if (root.Node is not YamlMappingNode)
        {
            throw new SpecException(source, "(document)", root.Node.Start.Line, root.Node.Start.Column,
                $"the spec must be a map of fields ({string.Join(", ", TopLevelFields)}), not {root.Describe()}");
        }
        var fields = root.Map([.. TopLevelFields, .. hostFields ?? []]).ToDictionary(f => f.Key, f => f.Value);

        var name = fields.TryGetValue("name", out var nameNode) ? SweepName(nameNode) : DefaultName(source);
        if (fields.TryGetValue("description", out var description))
        {
            description.String();
        }
        var task = TaskSection.Parse(fields.GetValueOrDefault("task"), schema, root);
        var model = fields.TryGetValue("model", out var modelNode) ? Model(modelNode, schema, task.Kind) : new Dictionary<string, object>();
        var objective = ReadObjective(fields.GetValueOrDefault("objective"), schema, task.Kind);
        var strategy = fields.TryGetValue("strategy", out var strategyNode)
            ? StrategySection.Parse(strategyNode)
            : new StrategySpec(SearchMethod.Random, DefaultRandomTrials, 0, Sampling.GridSampler.DefaultMaxPoints);
        var parameters = fields.TryGetValue("parameters", out var parametersNode)
            ? ParametersSection.Parse(parametersNode, model, strategy, strategyNode, schema, task.Kind)
            : new Spaces.SearchSpace([]);
        var pruner = fields.TryGetValue("pruner", out var prunerNode) ? PrunerSection.Parse(prunerNode) : PrunerSpec.Median;
        var budget = fields.TryGetValue("budget", out var budgetNode) ? Budget(budgetNode) : new BudgetSpec(DefaultMaxEpochs, null);
        var concurrency = fields.TryGetValue("concurrency", out var concurrencyNode) ? concurrencyNode.Int(min: 1) : DefaultConcurrency;
        if (dataDirectory is not null)
        {
            TaskSection.CheckData(task, schema, dataDirectory, root);
        }

        return new SweepSpec(name, task, model, objective, strategy, parameters, pruner, budget, concurrency)
        {
            Keep = fields.TryGetValue("keep", out var keepNode) ? Keep(keepNode) : KeepSpec.Default,
            Analysis = fields.TryGetValue("analysis", out var analysisNode) ? Analysis(analysisNode) : AnalysisSpec.Off,
        };
    }

    private static KeepSpec Keep(SpecNode node)
    {
        var fields = node.Map("best").ToDictionary(f => f.Key, f => f.Value);
        if (!fields.TryGetValue("best", out var best))
        {
            return KeepSpec.Default;
        }

        var count = best.Int(min: 0);
        return count <= KeepSpec.MaxBest
            ? new KeepSpec(count)
            : throw best.Error($"must be <= {KeepSpec.MaxBest} (each kept model is a file of the model's weights)");
    }

    private static AnalysisSpec Analysis(SpecNode node)
    {
        var fields = node.Map("gradient_norms").ToDictionary(f => f.Key, f => f.Value);
        return new AnalysisSpec(fields.TryGetValue("gradient_norms", out var gradients) && gradients.Bool());
    }

    private static string SweepName(SpecNode node)
    {
        var name = node.String();
        return NamePattern().IsMatch(name)
            ? name
            : throw node.Error($"'{name}' must be 1-64 letters, digits, '.', '_' or '-' (it becomes a grain key and a study name)");
    }

    private static string DefaultName(string source)
    {
        var stem = Path.GetFileNameWithoutExtension(source);
        return NamePattern().IsMatch(stem) ? stem : "sweep";
    }

    private static Dictionary<string, object> Model(SpecNode node, ISweepSchema schema, string taskKind)
    {
        var model = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value, _) in node.Map([.. schema.HyperParameters]))
        {
            var setting = value.Scalar() ?? throw value.Error("a fixed model setting needs a value");
            if (schema.CheckValue(taskKind, key, setting) is { } problem)
            {
                throw value.Error(problem);
            }

            model[key] = setting;
        }

        return model;
    }

    /// <summary>The objective: a metric the task reports (default: the task's first, e.g. dev accuracy) and its direction.</summary>
    private static Objective ReadObjective(SpecNode? node, ISweepSchema schema, string taskKind)
    {
        var metrics = schema.MetricsFor(taskKind);
        var fields = node?.Map("metric", "direction").ToDictionary(f => f.Key, f => f.Value) ?? [];
        var metric = fields.TryGetValue("metric", out var metricNode) ? Metric(metricNode, schema, taskKind) : metrics[0];
        var direction = fields.TryGetValue("direction", out var directionNode)
            ? directionNode.OneOf(["minimize", "maximize"]) == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize
            : schema.NaturalDirection(metric);
        return new Objective(metric, direction);
    }

    private static string Metric(SpecNode node, ISweepSchema schema, string taskKind)
    {
        var metrics = schema.MetricsFor(taskKind);
        if (node.Scalar() is string name && !metrics.Contains(name) && schema.TaskKinds.FirstOrDefault(k => schema.MetricsFor(k).Contains(name)) is { } other)
        {
            throw node.Error($"{name} exists only for {other} tasks; a {taskKind} task reports {string.Join(", ", metrics)}");
        }

        return node.OneOf(metrics);
    }

    private static BudgetSpec Budget(SpecNode node)
    {
        var fields = node.Map("max_epochs", "early_stopping").ToDictionary(f => f.Key, f => f.Value);
        var maxEpochs = fields.TryGetValue("max_epochs", out var epochsNode) ? epochsNode.Int(min: 1) : DefaultMaxEpochs;
        EarlyStoppingSpec? earlyStopping = null;
        if (fields.TryGetValue("early_stopping", out var esNode) && esNode.Node is not YamlScalarNode { Value: "" or "~" or "null" })
        {
            var es = esNode.Map("patience", "min_delta").ToDictionary(f => f.Key, f => f.Value);
            var patience = es.TryGetValue("patience", out var patienceNode)
                ? patienceNode.Int(min: 1)
                : throw esNode.Error("early_stopping needs 'patience' (epochs without improvement before stopping)");
            var minDelta = es.TryGetValue("min_delta", out var deltaNode) ? deltaNode.Double() : 0.0;
            if (minDelta < 0)
            {
                throw deltaNode!.Error($"must be >= 0, not {minDelta}");
            }
            earlyStopping = new EarlyStoppingSpec(patience, minDelta);
        }
        return new BudgetSpec(maxEpochs, earlyStopping);
    }

    private static long? FirstTabIndentedLine(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indentation).Contains('\t') && lines[i].Trim().Length > 0)
            {
                return i + 1;
            }
        }
        return null;
    }

    private static (long Line, long Column) LastReadablePosition(string yaml)
    {
        var scanner = new Scanner(new StringReader(yaml));
        var position = (Line: 1L, Column: 1L);
        try
        {
            // Every real token consumes input, so more tokens than characters means the scanner is stuck
            // (it repeats Error tokens forever on some inputs); an Error token is itself the place to report.
            for (var tokens = 0; tokens <= yaml.Length + 1 && scanner.MoveNext(); tokens++)
            {
                position = (scanner.Current!.Start.Line, scanner.Current.Start.Column);
                if (scanner.Current is YamlDotNet.Core.Tokens.Error)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The position of the last token read is the answer.
        }
        return position;
    }

    private static string YamlProblem(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the location is reported separately.
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex NamePattern();
}
