using System.Diagnostics.Metrics;

namespace HyperSweep.Grains.Telemetry;

/// <summary>The instruments of the <c>HyperSweep</c> meter (names, units and attributes in docs/TELEMETRY.md).</summary>
public static class HyperSweepMetrics
{
    /// <summary>Series limit of <c>hypersweep.trial.objective</c> per process.</summary>
    public const int ObjectiveSeriesLimit = 256;

    public static LatestObjectives Objectives { get; } = new(ObjectiveSeriesLimit);

    public static Counter<long> TrialsStarted { get; } = HyperSweepTelemetry.Meter.CreateCounter<long>(
        "hypersweep.trials.started", "{trial}", "Trials whose first attempt started, by sweep.");

    public static Counter<long> TrialsCompleted { get; } = HyperSweepTelemetry.Meter.CreateCounter<long>(
        "hypersweep.trials.completed", "{trial}", "Trials that trained to the end of their budget, by sweep.");

    public static Counter<long> TrialsPruned { get; } = HyperSweepTelemetry.Meter.CreateCounter<long>(
        "hypersweep.trials.pruned", "{trial}", "Trials stopped early by the sweep's pruner, by sweep.");

    public static Counter<long> TrialsFailed { get; } = HyperSweepTelemetry.Meter.CreateCounter<long>(
        "hypersweep.trials.failed", "{trial}", "Trials that threw, diverged or did not report the objective, by sweep.");

    public static Counter<long> TrialsCancelled { get; } = HyperSweepTelemetry.Meter.CreateCounter<long>(
        "hypersweep.trials.cancelled", "{trial}", "Trials cancelled with their sweep, by sweep.");

    public static Histogram<double> EpochDuration { get; } = HyperSweepTelemetry.Meter.CreateHistogram<double>(
        "hypersweep.trial.epoch.duration", "s", "Training time of one epoch (without reporting it).");

    public static Histogram<double> EpochThroughput { get; } = HyperSweepTelemetry.Meter.CreateHistogram<double>(
        "hypersweep.trial.epoch.throughput", "{item}/s", "Examples (classification) or tokens (language models) trained per second in one epoch, when the workload reports the count.");

    public static Histogram<double> GradientNorm { get; } = HyperSweepTelemetry.Meter.CreateHistogram<double>(
        "hypersweep.trial.gradient.norm", null, "‖∂L/∂h_t‖ k steps before the loss (k = 0, 1, 2, 4, 8, ...), per recurrent cell and layer, once per epoch of trials that record gradients.");

    public static Histogram<double> DecisionDuration { get; } = HyperSweepTelemetry.Meter.CreateHistogram<double>(
        "hypersweep.coordinator.decision.duration", "s", "Time the coordinator takes to answer an epoch report (pruner decision and any state write).");

    /// <summary>Records one epoch report's decision time since <paramref name="startedTimestamp"/> (a Stopwatch timestamp).</summary>
    public static void RecordDecision(long startedTimestamp, bool pruned) =>
        DecisionDuration.Record(
            System.Diagnostics.Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>(TelemetryAttributes.Decision, pruned ? "prune" : "continue"));

    public static ObservableGauge<int> RunningTrials { get; } = HyperSweepTelemetry.Meter.CreateObservableGauge(
        "hypersweep.silo.trials.running",
        () => SiloSlotGauges.All().Select(s => new Measurement<int>(s.Slots.InUse, new KeyValuePair<string, object?>(TelemetryAttributes.Silo, s.Silo))),
        "{trial}",
        "Trials training on the silo now.");

    public static ObservableGauge<int> FreeSlots { get; } = HyperSweepTelemetry.Meter.CreateObservableGauge(
        "hypersweep.silo.slots.free",
        () => SiloSlotGauges.All().Select(s => new Measurement<int>(Math.Max(0, s.Slots.Capacity - s.Slots.InUse), new KeyValuePair<string, object?>(TelemetryAttributes.Silo, s.Silo))),
        "{slot}",
        "Training slots free on the silo now.");

    public static ObservableGauge<double> TrialObjective { get; } = HyperSweepTelemetry.Meter.CreateObservableGauge(
        "hypersweep.trial.objective",
        () => Objectives.Snapshot().Select(o => new Measurement<double>(
            o.Value,
            new KeyValuePair<string, object?>(TelemetryAttributes.SweepId, o.Sweep),
            new KeyValuePair<string, object?>(TelemetryAttributes.Trial, o.Trial))),
        null,
        $"Latest objective value reported by a trial (at most {ObjectiveSeriesLimit} trials per process, least recently updated dropped first).");

    /// <summary>Creates the observable instruments (static properties are created on first use).</summary>
    public static void EnsureCreated()
    {
        _ = RunningTrials;
        _ = FreeSlots;
        _ = TrialObjective;
    }

    public static KeyValuePair<string, object?> Sweep(string sweepId) => new(TelemetryAttributes.SweepId, sweepId);
}
