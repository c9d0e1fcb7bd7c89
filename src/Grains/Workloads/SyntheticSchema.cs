using HyperSweep.Engine.Schema;
using HyperSweep.Search;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Workloads;

/// <summary>
/// What the <see cref="SyntheticTrialWorkload"/> accepts: every Engine hyper-parameter (so a real spec runs
/// unchanged, only faster), plus the synthetic controls of its learning curve. The Engine's checks of the task and
/// its data files still apply: a spec that passes here passes with real training.
/// </summary>
public sealed class SyntheticSchema : ISweepSchema
{
    /// <summary>The loss the curve approaches (overrides the hash of the parameters).</summary>
    public const string Floor = "synthetic_floor";

    /// <summary>Throw at this epoch.</summary>
    public const string FailAt = "synthetic_fail_at";

    /// <summary>Report NaN losses from this epoch.</summary>
    public const string DivergeAt = "synthetic_diverge_at";

    /// <summary>Simulated training time per epoch, in milliseconds.</summary>
    public const string EpochMs = "synthetic_epoch_ms";

    /// <summary>A label with no effect but on the hash (distinct configurations that otherwise agree).</summary>
    public const string Tag = "synthetic_tag";

    /// <summary>Checkpoint size in KiB (storage tests: checkpoints of a realistic size without training).</summary>
    public const string CheckpointKb = "synthetic_checkpoint_kb";

    /// <summary>Training batches per epoch (default 1): the points where a mid-epoch checkpoint or a preemption can happen.</summary>
    public const string Batches = "synthetic_batches";

    /// <summary>Stop making progress at the start of this epoch, ignoring cancellation (the hung-trial watchdog's test).</summary>
    public const string HangAt = "synthetic_hang_at";

    private static readonly Dictionary<string, (SchemaValueKind Kind, Func<object, bool> Accepts, string Accepted)> Controls = new(StringComparer.Ordinal)
    {
        [Floor] = (SchemaValueKind.Real, v => ValueRule.AsReal(v) is { } d && double.IsFinite(d) && d >= 0, "a number >= 0"),
        [FailAt] = (SchemaValueKind.Integer, v => ValueRule.AsInteger(v) is >= 1, "an epoch >= 1"),
        [DivergeAt] = (SchemaValueKind.Integer, v => ValueRule.AsInteger(v) is >= 1, "an epoch >= 1"),
        [EpochMs] = (SchemaValueKind.Integer, v => ValueRule.AsInteger(v) is >= 0 and <= 3_600_000, "milliseconds in 0..3600000"),
        [Tag] = (SchemaValueKind.Text, v => v is string { Length: > 0 } or long, "a name"),
        [CheckpointKb] = (SchemaValueKind.Integer, v => ValueRule.AsInteger(v) is >= 0 and <= 1 << 20, "KiB in 0..1048576"),
        [Batches] = (SchemaValueKind.Integer, v => ValueRule.AsInteger(v) is >= 1 and <= 1_000_000, "batches in 1..1000000"),
        [HangAt] = (SchemaValueKind.Integer, v => ValueRule.AsInteger(v) is >= 1, "an epoch >= 1"),
    };

    private readonly ISweepSchema _engine = EngineSchema.Instance;

    public static SyntheticSchema Instance { get; } = new();

    public IReadOnlyList<string> HyperParameters { get; } = [.. EngineSchema.Instance.HyperParameters, .. Controls.Keys];

    public IReadOnlyList<string> TaskKinds => _engine.TaskKinds;

    public IReadOnlyDictionary<string, object?> DefaultTask => _engine.DefaultTask;

    public SchemaValueKind KindOf(string parameter) => Controls.TryGetValue(parameter, out var control) ? control.Kind : _engine.KindOf(parameter);

    /// <summary>The synthetic curve's floor may change between epochs (PBT tests perturb it); the other controls may not.</summary>
    public bool CanChangeMidTraining(string parameter) =>
        parameter == Floor || (!Controls.ContainsKey(parameter) && _engine.CanChangeMidTraining(parameter));

    public string? CheckValue(string taskKind, string parameter, object value) => Controls.TryGetValue(parameter, out var control)
        ? control.Accepts(value) ? null : $"got {ValueRule.Show(value)} (accepted: {control.Accepted})"
        : _engine.CheckValue(taskKind, parameter, value);

    public SchemaProblem? CheckTask(IReadOnlyDictionary<string, object?> task) => _engine.CheckTask(task);

    public SchemaProblem? CheckData(IReadOnlyDictionary<string, object?> task, string baseDirectory) => _engine.CheckData(task, baseDirectory);

    public IReadOnlyList<string> MetricsFor(string taskKind) => _engine.MetricsFor(taskKind);

    public StudyDirection NaturalDirection(string metric) => _engine.NaturalDirection(metric);
}
