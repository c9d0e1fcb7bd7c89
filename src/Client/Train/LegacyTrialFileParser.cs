using HyperSweep.Engine.Schema;
using HyperSweep.Search;
using System.Globalization;
using HyperSweep.Engine;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperSweep.Client.Train;

/// <summary>
/// Reads a trial file of the OLD form (before 2026-12; <see cref="TrialFileParser"/> reads the current one, a spec with
/// fixed <c>model:</c> values, and sends files of this form here with a deprecation note):
/// <code>
/// task: {kind: ..., data: {...}}      # the spec's task section (docs/HYPERPARAMETERS.md)
/// parameters: {arch: rnn, cell: lstm, lr: 20, ...}
/// seed: 1
/// max_epochs: 10
/// objective: {metric: val_perplexity, direction: minimize}   # optional
/// early_stopping: {patience: 3, min_delta: 0.001}            # optional
/// checkpoint: runs/lstm.ckpt                                  # optional
/// agreement_eval: ../shared/data/linzen-agreement            # optional, language models only
/// </code>
/// Relative paths resolve against the trial file's folder. Every error is a <see cref="TrialFileException"/>
/// whose message starts with <c>file:line:column: field:</c>.
/// </summary>
public static class LegacyTrialFileParser
{
    private static readonly string[] TopLevel =
        ["task", "parameters", "seed", "max_epochs", "objective", "early_stopping", "checkpoint", "agreement_eval"];

    /// <param name="text">The YAML.</param>
    /// <param name="source">The file name used in messages.</param>
    /// <param name="baseDirectory">Folder relative paths resolve against.</param>
    public static TrialFile Parse(string text, string source, string baseDirectory)
    {
        var root = ReadRoot(text, source);
        var marks = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var values = ToDictionary(root, string.Empty, source, marks);
        foreach (var key in values.Keys)
        {
            if (Array.IndexOf(TopLevel, key) < 0)
            {
                throw Error(source, marks, key, $"unknown field; accepted: {string.Join(", ", TopLevel)}");
            }
        }

        try
        {
            var task = TaskDefinition.Parse(Section(values, "task", source, marks, required: true)!);
            var parameters = Section(values, "parameters", source, marks, required: false) ?? new Dictionary<string, object?>();
            var seed = Integer(values, "seed", source, marks, 1, int.MinValue);
            var maxEpochs = Integer(values, "max_epochs", source, marks, null, 1);
            var objective = ParseObjective(Section(values, "objective", source, marks, required: false), task.Kind, source, marks);
            var earlyStopping = ParseEarlyStopping(Section(values, "early_stopping", source, marks, required: false), source, marks);
            var checkpoint = PathField(values, "checkpoint", source, marks, baseDirectory);
            var agreement = PathField(values, "agreement_eval", source, marks, baseDirectory);
            if (agreement is not null && task.Kind != TaskKind.LanguageModel)
            {
                throw Error(source, marks, "agreement_eval", "needs a language_model task (the evaluation compares the LM's scores of two verb forms)");
            }

            var request = new TrialRequest(task, parameters, seed, maxEpochs, objective, earlyStopping, baseDirectory);
            TrialRunner.Validate(request);
            return new TrialFile(source, request, checkpoint, agreement, marks);
        }
        catch (EngineException exception)
        {
            throw Locate(source, marks, exception);
        }
    }

    /// <summary>
    /// An engine error whose message starts with a field path (<c>parameters.lr: ...</c>) gets the field's
    /// line and column; any other (a data file's own file:line) keeps its message, prefixed by the trial file.
    /// </summary>
    public static TrialFileException Locate(string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, EngineException exception)
    {
        var message = exception.Message;
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            // Try the longest known prefix of the field path: "task.data.size" then "task.data" then "task".
            var field = message[..colon];
            for (var candidate = field; candidate.Length > 0; candidate = Parent(candidate))
            {
                if (marks.TryGetValue(candidate, out var mark))
                {
                    return new TrialFileException($"{source}:{mark.Line}:{mark.Column}: {message}", exception);
                }
            }
        }

        return new TrialFileException($"{source}: {message}", exception);
    }

    private static string Parent(string field)
    {
        var dot = field.LastIndexOf('.');
        return dot < 0 ? string.Empty : field[..dot];
    }

    private static YamlMappingNode ReadRoot(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            var inner = exception.InnerException?.Message;
            var detail = inner is null ? exception.Message : $"{exception.Message} ({inner})";
            throw new TrialFileException($"{source}:{exception.Start.Line}:{exception.Start.Column}: invalid YAML: {detail}", exception);
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner can fail without a position on some malformed input.
            throw new TrialFileException($"{source}: invalid YAML: the file cannot be read to its end (an unclosed [ or {{ list/map?)", exception);
        }

        if (stream.Documents.Count == 0)
        {
            throw new TrialFileException($"{source}: the file is empty; expected task:, parameters:, seed:, max_epochs:");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            var start = stream.Documents[0].RootNode.Start;
            throw new TrialFileException($"{source}:{start.Line}:{start.Column}: expected a mapping (task:, parameters:, seed:, max_epochs:)");
        }

        return mapping;
    }

    /// <summary>A mapping as nested dictionaries of plain values, recording each field's position.</summary>
    private static Dictionary<string, object?> ToDictionary(
        YamlMappingNode mapping, string path, string source, Dictionary<string, (int Line, int Column)> marks)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new TrialFileException($"{source}:{keyNode.Start.Line}:{keyNode.Start.Column}: {(path.Length == 0 ? "(top level)" : path)}: keys must be plain names");
            }

            var field = path.Length == 0 ? key : $"{path}.{key}";
            if (result.ContainsKey(key))
            {
                throw new TrialFileException($"{source}:{keyNode.Start.Line}:{keyNode.Start.Column}: {field}: given twice");
            }

            // A scalar's errors point at its value; a section's at its key.
            var at = valueNode is YamlScalarNode ? valueNode.Start : keyNode.Start;
            marks[field] = ((int)at.Line, (int)at.Column);
            result[key] = valueNode switch
            {
                YamlMappingNode child => ToDictionary(child, field, source, marks),
                YamlScalarNode scalar => ScalarValue(scalar),
                _ => throw new TrialFileException($"{source}:{at.Line}:{at.Column}: {field}: lists are not accepted here; give a single value or a section"),
            };
        }

        return result;
    }

    /// <summary>Plain <c>~</c>, <c>null</c> and empty are null; everything else stays a string for the engine to parse.</summary>
    private static object? ScalarValue(YamlScalarNode scalar)
    {
        if (scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        return scalar.Value;
    }

    private static Dictionary<string, object?>? Section(
        Dictionary<string, object?> values, string name, string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, bool required)
    {
        if (!values.TryGetValue(name, out var value) || value is null)
        {
            if (required)
            {
                throw new TrialFileException($"{source}: {name}: required section is missing");
            }

            return null;
        }

        return value as Dictionary<string, object?> ?? throw Error(source, marks, name, $"expected a section (key: value lines), got '{value}'");
    }

    private static int Integer(
        Dictionary<string, object?> values, string name, string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, int? fallback, int minimum, string? section = null)
    {
        var field = section is null ? name : $"{section}.{name}";
        if (!values.TryGetValue(name, out var value) || value is null)
        {
            return fallback ?? throw new TrialFileException($"{source}: {field}: required field is missing");
        }

        if (value is not string text || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            throw Error(source, marks, field, $"expected an integer, got '{value}'");
        }

        if (parsed < minimum)
        {
            throw Error(source, marks, field, $"must be >= {minimum}, got {parsed}");
        }

        return parsed;
    }

    private static string? PathField(
        Dictionary<string, object?> values, string name, string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, string baseDirectory)
    {
        if (!values.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        if (value is not string text || text.Length == 0)
        {
            throw Error(source, marks, name, "expected a path");
        }

        return System.IO.Path.GetFullPath(text, baseDirectory);
    }

    private static Objective? ParseObjective(
        Dictionary<string, object?>? section, TaskKind kind, string source, IReadOnlyDictionary<string, (int Line, int Column)> marks)
    {
        if (section is null)
        {
            return null;
        }

        RejectUnknown(section, "objective", source, marks, "metric", "direction");
        var metric = section.GetValueOrDefault("metric") as string ?? MetricSchema.DefaultFor(kind).Name;
        var direction = section.GetValueOrDefault("direction") switch
        {
            null => MetricSchema.Find(metric)?.Direction ?? StudyDirection.Minimize,
            "minimize" => StudyDirection.Minimize,
            "maximize" => StudyDirection.Maximize,
            var other => throw Error(source, marks, "objective.direction", $"unknown value '{other}'; accepted: minimize | maximize"),
        };
        var objective = new Objective(metric, direction);
        MetricSchema.Check(objective, kind);
        return objective;
    }

    private static EarlyStoppingOptions? ParseEarlyStopping(
        Dictionary<string, object?>? section, string source, IReadOnlyDictionary<string, (int Line, int Column)> marks)
    {
        if (section is null)
        {
            return null;
        }

        RejectUnknown(section, "early_stopping", source, marks, "patience", "min_delta", "restore_best_weights");
        var patience = Integer(section, "patience", source, marks, null, 0, "early_stopping");
        var minDelta = 0.0;
        if (section.GetValueOrDefault("min_delta") is { } deltaValue
            && !double.TryParse(deltaValue as string, NumberStyles.Float, CultureInfo.InvariantCulture, out minDelta))
        {
            throw Error(source, marks, "early_stopping.min_delta", $"expected a number, got '{deltaValue}'");
        }

        var restore = true;
        if (section.GetValueOrDefault("restore_best_weights") is { } restoreValue && !bool.TryParse(restoreValue as string, out restore))
        {
            throw Error(source, marks, "early_stopping.restore_best_weights", $"expected true or false, got '{restoreValue}'");
        }

        var options = new EarlyStoppingOptions(patience, minDelta, restore);
        options.Validate();
        return options;
    }

    private static void RejectUnknown(
        Dictionary<string, object?> section, string name, string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, params string[] accepted)
    {
        foreach (var key in section.Keys)
        {
            if (Array.IndexOf(accepted, key) < 0)
            {
                throw Error(source, marks, $"{name}.{key}", $"unknown field; accepted: {string.Join(", ", accepted)}");
            }
        }
    }

    private static TrialFileException Error(string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, string field, string problem) =>
        marks.TryGetValue(field, out var mark)
            ? new TrialFileException($"{source}:{mark.Line}:{mark.Column}: {field}: {problem}")
            : new TrialFileException($"{source}: {field}: {problem}");
}
