using HyperSweep.Search;
using System.Diagnostics;
using HyperSweep.Contracts;

namespace HyperSweep.Grains.Telemetry;

/// <summary>
/// The trial side of the instrumentation, for one attempt on its training thread: the attempt span (child of the
/// sweep span through the assignment's traceparent, so a resumed attempt on another silo joins the same trace),
/// one span per epoch (started when the epoch's training began, ended after its report was answered, with the
/// metrics as attributes and a prune event), and the epoch histograms and objective gauge.
/// </summary>
internal sealed class AttemptTelemetry : IDisposable
{
    private readonly TrialAssignment _assignment;
    private readonly Activity? _span;
    private long _epochStarted;
    private DateTimeOffset _epochStartedAt;
    private bool _ended;

    public AttemptTelemetry(TrialAssignment assignment, string silo, int resumedFromEpoch)
    {
        _assignment = assignment;
        var previous = Activity.Current;
        _span = HyperSweepTelemetry.Source.StartActivity(
            HyperSweepTelemetry.TrialSpan,
            ActivityKind.Internal,
            TraceContext.Parse(assignment.TraceParent),
            [
                new(TelemetryAttributes.SweepId, assignment.SweepId),
                new(TelemetryAttributes.Trial, assignment.Trial),
                new(TelemetryAttributes.Attempt, assignment.Attempt),
                new(TelemetryAttributes.ResumedFromEpoch, resumedFromEpoch),
                new(TelemetryAttributes.Silo, silo),
            ]);
        if (_span is null)
        {
            Activity.Current = previous;
        }

        EpochBegins();
    }

    /// <summary>Marks the start of the next epoch's training.</summary>
    public void EpochBegins()
    {
        _epochStarted = Stopwatch.GetTimestamp();
        _epochStartedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Records a finished epoch; returns its span (current until <see cref="EpochReported"/>), or null when tracing is off.</summary>
    public Activity? EpochTrained(EpochMetrics metrics, long? trainedItems)
    {
        var seconds = Stopwatch.GetElapsedTime(_epochStarted).TotalSeconds;
        HyperSweepMetrics.EpochDuration.Record(seconds);
        if (trainedItems is > 0 && seconds > 0)
        {
            HyperSweepMetrics.EpochThroughput.Record(trainedItems.Value / seconds);
        }

        if (HyperSweepMetrics.TrialObjective.Enabled && metrics.Values.TryGetValue(_assignment.Objective.Metric, out var objective))
        {
            HyperSweepMetrics.Objectives.Set(_assignment.SweepId, _assignment.Trial, objective);
        }

        if (_span is null)
        {
            return null;
        }

        var epoch = HyperSweepTelemetry.Source.StartActivity(
            HyperSweepTelemetry.EpochSpan,
            ActivityKind.Internal,
            _span.Context,
            [
                new(TelemetryAttributes.SweepId, _assignment.SweepId),
                new(TelemetryAttributes.Trial, _assignment.Trial),
                new(TelemetryAttributes.Attempt, _assignment.Attempt),
                new(TelemetryAttributes.Epoch, metrics.Epoch),
            ],
            startTime: _epochStartedAt);
        foreach (var (name, value) in metrics.Values)
        {
            epoch?.SetTag(TelemetryAttributes.MetricPrefix + name, value);
        }

        return epoch;
    }

    /// <summary>
    /// The gradient norms an epoch measured: the whole profile as an event on the epoch span (one array per layer, index =
    /// steps before the loss), and the histogram at k = 0, 1, 2, 4, 8, ... (powers of two bound its series).
    /// </summary>
    public void GradientsMeasured(Activity? epochSpan, GradientRecord gradients)
    {
        if (epochSpan is not null)
        {
            var tags = new ActivityTagsCollection { [TelemetryAttributes.Epoch] = gradients.Epoch, [TelemetryAttributes.RnnCell] = gradients.Cell };
            for (var layer = 0; layer < gradients.Layers.Length; layer++)
            {
                tags[TelemetryAttributes.GradientLayerPrefix + layer] = gradients.Layers[layer];
            }

            epochSpan.AddEvent(new ActivityEvent(HyperSweepTelemetry.GradientsEvent, tags: tags));
        }

        if (!HyperSweepMetrics.GradientNorm.Enabled)
        {
            return;
        }

        for (var layer = 0; layer < gradients.Layers.Length; layer++)
        {
            var norms = gradients.Layers[layer];
            for (var k = 0; k < norms.Length; k = k == 0 ? 1 : k * 2)
            {
                HyperSweepMetrics.GradientNorm.Record(
                    norms[k],
                    new KeyValuePair<string, object?>(TelemetryAttributes.RnnCell, gradients.Cell),
                    new KeyValuePair<string, object?>(TelemetryAttributes.RnnLayer, layer),
                    new KeyValuePair<string, object?>(TelemetryAttributes.StepsBack, k));
            }
        }
    }

    /// <summary>Ends the epoch span with the coordinator's verdict; the next epoch's training starts now.</summary>
    public void EpochReported(Activity? epochSpan, int epoch, EpochVerdict? verdict)
    {
        if (verdict is { Kind: VerdictKind.Prune })
        {
            var tags = new ActivityTagsCollection
            {
                [TelemetryAttributes.Epoch] = epoch,
                [TelemetryAttributes.PruneReason] = verdict.Reason,
            };
            epochSpan?.AddEvent(new ActivityEvent(HyperSweepTelemetry.PrunedEvent, tags: tags));
            _span?.AddEvent(new ActivityEvent(HyperSweepTelemetry.PrunedEvent, tags: tags));
        }

        epochSpan?.Stop();
        EpochBegins();
    }

    /// <summary>Ends the attempt span with the trial's outcome.</summary>
    public void End(TrialState state, string? reason)
    {
        if (_span is null || _ended)
        {
            return;
        }

        _ended = true;
        _span.SetTag(TelemetryAttributes.TrialState, state.ToString().ToLowerInvariant());
        if (reason is not null)
        {
            _span.SetTag(TelemetryAttributes.TrialReason, reason);
        }

        if (state == TrialState.Failed)
        {
            _span.SetStatus(ActivityStatusCode.Error, reason);
        }

        _span.Stop();
    }

    /// <summary>An attempt that ends without an outcome (interrupted, or superseded) is still exported.</summary>
    public void Dispose() => End(TrialState.Pending, "interrupted");
}
