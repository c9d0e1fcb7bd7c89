using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HyperSweep.Grains.Telemetry;

/// <summary>
/// The one <see cref="ActivitySource"/> and the one <see cref="Meter"/> of HyperSweep, both named
/// <see cref="Name"/>, and the span and event names (docs/TELEMETRY.md lists them with their attributes).
/// With no listener (telemetry off) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and
/// instruments drop measurements, so the instrumentation costs a few branch checks.
/// </summary>
public static class HyperSweepTelemetry
{
    public const string Name = "HyperSweep";

    /// <summary>Span: one sweep (one per coordinator activation; a re-activated coordinator continues the trace).</summary>
    public const string SweepSpan = "hypersweep.sweep";

    /// <summary>Span: one trial attempt, child of the sweep span.</summary>
    public const string TrialSpan = "hypersweep.trial";

    /// <summary>Span: one epoch of a trial attempt, with the epoch's metrics as attributes.</summary>
    public const string EpochSpan = "hypersweep.trial.epoch";

    /// <summary>Event on the epoch span (and the trial span) when the coordinator prunes the trial.</summary>
    public const string PrunedEvent = "hypersweep.trial.pruned";

    /// <summary>An epoch's gradient norms per layer and time step (<c>analysis: {gradient_norms: true}</c>).</summary>
    public const string GradientsEvent = "hypersweep.trial.gradients";

    public static ActivitySource Source { get; } = new(Name, typeof(HyperSweepTelemetry).Assembly.GetName().Version?.ToString());

    public static Meter Meter { get; } = new(Name, typeof(HyperSweepTelemetry).Assembly.GetName().Version?.ToString());
}
