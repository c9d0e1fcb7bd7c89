using HyperSweep.Engine;
using HyperSweep.Engine.Schema;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Search.Spec;
using YamlDotNet.RepresentationModel;

namespace HyperSweep.Client.Train;

/// <summary>
/// Reads a trial file: a sweep spec that names ONE configuration, in the spec's own sections and names
/// (docs/TASKS-AND-TRAINING.md, "Trial files"):
/// <code>
/// task: {kind: classification, data: {source: agreement, size: 300}}
/// model: {arch: rnn, cell: lstm, hidden_size: 24, lr: 0.01}      # every value fixed
/// objective: {metric: val_accuracy, direction: maximize}        # optional, as in a spec
/// strategy: {seed: 1}                                           # the training seed (default 0)
/// budget: {max_epochs: 3, early_stopping: {patience: 2}}        # as in a spec
/// checkpoint: runs/lstm.ckpt                                    # train only, optional
/// agreement_eval: ../shared/data/linzen-agreement               # train only, optional (language models)
/// </code>
/// The spec parser checks it (file:line:column, "did you mean"); a <c>parameters:</c> search space is refused (a trial file
/// runs one configuration). Files of the old form (top-level <c>parameters:</c> of fixed values, <c>seed</c>,
/// <c>max_epochs</c>, <c>early_stopping</c>) are read by <see cref="LegacyTrialFileParser"/> with a one-line note.
/// Relative paths resolve against the trial file's folder.
/// </summary>
public static class TrialFileParser
{
    private const string Checkpoint = "checkpoint";
    private const string AgreementEval = "agreement_eval";

    /// <summary>What the note of an old-form file says.</summary>
    public const string DeprecationNote =
        "uses the old trial-file form (top-level parameters:, seed:, max_epochs:, early_stopping:), which still works; "
        + "the current form is the sweep spec's: model:, strategy: {seed}, budget: {max_epochs, early_stopping} (docs/TASKS-AND-TRAINING.md)";

    private static readonly string[] LegacyOnly = ["seed", "max_epochs", "early_stopping"];

    public static TrialFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new TrialFileException(Directory.Exists(path) ? $"{path}: is a folder, not a trial file" : $"{path}: trial file not found");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new TrialFileException($"{path}: cannot read: {exception.Message}", exception);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <param name="text">The YAML.</param>
    /// <param name="source">The file name used in messages.</param>
    /// <param name="baseDirectory">Folder relative paths resolve against.</param>
    public static TrialFile Parse(string text, string source, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = Root(text);
        if (root is not null && IsLegacy(root))
        {
            return LegacyTrialFileParser.Parse(text, source, baseDirectory) with { Note = $"{source} {DeprecationNote}" };
        }

        SweepSpec spec;
        try
        {
            spec = SweepSpecParser.Parse(text, source, EngineSchema.Instance, baseDirectory, [Checkpoint, AgreementEval]);
        }
        catch (SpecException exception)
        {
            throw new TrialFileException(exception.Message, exception);
        }

        var marks = Marks(root);
        if (spec.Parameters.Parameters.Count > 0)
        {
            throw Error(source, marks, "parameters",
                "a trial file runs one configuration: give each value under model: (a parameters: search space belongs in a sweep spec)");
        }

        try
        {
            var task = TaskDefinition.Parse(spec.Task.Section);
            var checkpoint = PathField(root, Checkpoint, source, marks, baseDirectory);
            var agreement = PathField(root, AgreementEval, source, marks, baseDirectory);
            if (agreement is not null && task.Kind != TaskKind.LanguageModel)
            {
                throw Error(source, marks, AgreementEval, "needs a language_model task (the evaluation compares the LM's scores of two verb forms)");
            }

            // Exactly what the coordinator hands a trial (SweepPlan, TrialCalls, EngineTrialWorkload): the same request
            // trains the same model, bit for bit.
            var stopping = spec.Budget.EarlyStopping;
            var request = new TrialRequest(
                task,
                spec.Model.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
                unchecked((int)spec.Strategy.Seed),
                spec.Budget.MaxEpochs,
                spec.Objective,
                stopping is null ? null : new EarlyStoppingOptions(stopping.Patience, stopping.MinDelta),
                baseDirectory);
            TrialRunner.Validate(request);
            return new TrialFile(source, request, checkpoint, agreement, marks);
        }
        catch (EngineException exception)
        {
            throw LegacyTrialFileParser.Locate(source, marks, exception);
        }
    }

    /// <summary>
    /// An engine error whose message starts with a field path gets the field's line and column (<c>parameters.lr</c>, the
    /// engine's name, is found at <c>model.lr</c>); any other keeps its message, prefixed by the trial file.
    /// </summary>
    public static TrialFileException Locate(string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, EngineException exception) =>
        LegacyTrialFileParser.Locate(source, marks, exception);

    /// <summary>The old form: a top-level seed, max_epochs or early_stopping, or a parameters: map of plain values.</summary>
    private static bool IsLegacy(YamlMappingNode root) =>
        root.Children.Keys.OfType<YamlScalarNode>().Any(k => LegacyOnly.Contains(k.Value))
        || (root.Children.TryGetValue(new YamlScalarNode("parameters"), out var parameters)
            && parameters is YamlMappingNode { Children.Count: > 0 } map
            && map.Children.Values.All(v => v is YamlScalarNode));

    /// <summary>The document's root map, or null when the text is not one (the spec parser then says what is wrong).</summary>
    private static YamlMappingNode? Root(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Every field's line and column; <c>model.x</c> also as <c>parameters.x</c>, the name engine errors use.</summary>
    private static Dictionary<string, (int Line, int Column)> Marks(YamlMappingNode? root)
    {
        var marks = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        void Walk(YamlMappingNode map, string path)
        {
            foreach (var (key, value) in map.Children)
            {
                if (key is not YamlScalarNode { Value: { } name })
                {
                    continue;
                }

                var field = path.Length == 0 ? name : $"{path}.{name}";
                var at = value is YamlScalarNode ? value.Start : key.Start;
                marks[field] = ((int)at.Line, (int)at.Column);
                if (field.StartsWith("model.", StringComparison.Ordinal))
                {
                    marks["parameters" + field["model".Length..]] = marks[field];
                }

                if (value is YamlMappingNode child)
                {
                    Walk(child, field);
                }
            }
        }

        if (root is not null)
        {
            Walk(root, "");
        }

        return marks;
    }

    private static string? PathField(YamlMappingNode? root, string name, string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, string baseDirectory)
    {
        if (root is null || !root.Children.TryGetValue(new YamlScalarNode(name), out var node) || node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return null;
        }

        return node is YamlScalarNode { Value: { } text }
            ? Path.GetFullPath(text, baseDirectory)
            : throw Error(source, marks, name, "expected a path");
    }

    private static TrialFileException Error(string source, IReadOnlyDictionary<string, (int Line, int Column)> marks, string field, string problem) =>
        marks.TryGetValue(field, out var mark)
            ? new TrialFileException($"{source}:{mark.Line}:{mark.Column}: {field}: {problem}")
            : new TrialFileException($"{source}: {field}: {problem}");
}
