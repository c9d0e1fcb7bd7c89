namespace HyperSweep.Grains.Telemetry;

/// <summary>Attribute names on HyperSweep spans, events and metrics (semantic-convention style, namespace <c>hypersweep.</c>).</summary>
public static class TelemetryAttributes
{
    public const string SweepId = "hypersweep.sweep.id";
    public const string SweepName = "hypersweep.sweep.name";
    public const string SweepState = "hypersweep.sweep.state";
    public const string SweepResumed = "hypersweep.sweep.resumed";
    public const string Trial = "hypersweep.trial.number";
    public const string Attempt = "hypersweep.trial.attempt";
    public const string ResumedFromEpoch = "hypersweep.trial.resumed_from_epoch";
    public const string TrialState = "hypersweep.trial.state";
    public const string TrialReason = "hypersweep.trial.reason";
    public const string Epoch = "hypersweep.epoch";
    public const string PruneReason = "hypersweep.prune.reason";
    public const string Silo = "hypersweep.silo.address";
    public const string ClusterId = "hypersweep.cluster.id";
    public const string Decision = "hypersweep.decision";
    public const string RnnCell = "hypersweep.rnn.cell";
    public const string RnnLayer = "hypersweep.rnn.layer";
    public const string StepsBack = "hypersweep.gradient.steps_back";

    /// <summary>Prefix of the gradients event's per-layer arrays: <c>hypersweep.gradient.layer0</c> = [‖∂L/∂h‖ at k = 0, 1, ...].</summary>
    public const string GradientLayerPrefix = "hypersweep.gradient.layer";

    /// <summary>Prefix of an epoch metric attribute: <c>hypersweep.metric.val_loss</c>.</summary>
    public const string MetricPrefix = "hypersweep.metric.";
}
