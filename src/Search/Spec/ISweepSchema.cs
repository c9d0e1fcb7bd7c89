namespace HyperSweep.Search.Spec;

/// <summary>
/// What the trials of a sweep accept — hyper-parameters, task sections, metrics, data files — as the spec parser
/// checks it. Search names none of these itself: the Engine owns the vocabulary and implements this interface, and
/// whoever parses a spec (the CLI, the coordinator) hands the Engine's schema in. Every answer that refuses something
/// ends with what is accepted, so the parser can put it straight into a located message.
/// </summary>
public interface ISweepSchema
{
    /// <summary>Every hyper-parameter name, in reference order.</summary>
    IReadOnlyList<string> HyperParameters { get; }

    /// <summary>The kind of values a hyper-parameter takes: it decides how a <c>min</c>/<c>max</c> range is read.</summary>
    SchemaValueKind KindOf(string parameter);

    /// <summary>
    /// Whether a trial can take a new value of this hyper-parameter between two epochs of one training, on top of the
    /// weights and optimizer state it has (a learning rate can; a layer size cannot). PBT perturbs only these.
    /// </summary>
    bool CanChangeMidTraining(string parameter);

    /// <summary>Null when <paramref name="value"/> is accepted for <paramref name="parameter"/> in a task of this kind; else the problem.</summary>
    string? CheckValue(string taskKind, string parameter, object value);

    /// <summary>The task kinds; the first is the default.</summary>
    IReadOnlyList<string> TaskKinds { get; }

    /// <summary>The task section a spec without one runs (the Engine's built-in task, which needs no files).</summary>
    IReadOnlyDictionary<string, object?> DefaultTask { get; }

    /// <summary>Null when the task section (<c>kind</c> and its <c>data</c> map) is valid; else the first problem and its dotted field.</summary>
    SchemaProblem? CheckTask(IReadOnlyDictionary<string, object?> task);

    /// <summary>
    /// Opens the data files a valid task section names (paths relative to <paramref name="baseDirectory"/>) and checks
    /// them as training will read them. Null when they are usable; else the problem, at the field naming the file.
    /// </summary>
    SchemaProblem? CheckData(IReadOnlyDictionary<string, object?> task, string baseDirectory);

    /// <summary>The metrics a task kind reports, the default objective first.</summary>
    IReadOnlyList<string> MetricsFor(string taskKind);

    /// <summary>Which way a metric is better when the spec does not say.</summary>
    StudyDirection NaturalDirection(string metric);
}
