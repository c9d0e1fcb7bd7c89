using HyperSweep.Search;
using System.Diagnostics;
using HyperSweep.Contracts;

namespace HyperSweep.Grains.Telemetry;

/// <summary>The coordinator's side of the instrumentation: the sweep span and the trial outcome counters.</summary>
internal static class SweepTracing
{
    /// <summary>
    /// Starts the sweep span: a new root for a new sweep, or, for a re-activated coordinator, a continuation
    /// whose parent is the persisted <paramref name="traceParent"/> (so the whole sweep stays one trace).
    /// Activity.Current is left as it was: the span lives as long as the sweep, not as this grain call.
    /// </summary>
    public static Activity? Start(string sweepId, string name, string? traceParent)
    {
        var previous = Activity.Current;
        var resumed = traceParent is not null;
        // A new sweep is its own trace root, whatever call (CLI, test, grain call span) happened to submit it.
        Activity.Current = null;
        var span = HyperSweepTelemetry.Source.StartActivity(
            HyperSweepTelemetry.SweepSpan,
            ActivityKind.Internal,
            resumed ? TraceContext.Parse(traceParent) : default,
            [
                new(TelemetryAttributes.SweepId, sweepId),
                new(TelemetryAttributes.SweepName, name),
                new(TelemetryAttributes.SweepResumed, resumed),
            ]);
        Activity.Current = previous;
        return span;
    }

    public static void End(Activity? span, SweepState state, string? reason)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(TelemetryAttributes.SweepState, state.ToString().ToLowerInvariant());
        if (state == SweepState.Failed)
        {
            span.SetStatus(ActivityStatusCode.Error, reason);
        }

        var previous = Activity.Current;
        span.Stop();
        Activity.Current = previous;
    }

    public static void Pruned(Activity? span, int trial, int epoch, string? reason) =>
        span?.AddEvent(new ActivityEvent(HyperSweepTelemetry.PrunedEvent, tags: new ActivityTagsCollection
        {
            [TelemetryAttributes.Trial] = trial,
            [TelemetryAttributes.Epoch] = epoch,
            [TelemetryAttributes.PruneReason] = reason,
        }));

    public static void CountEnd(string sweepId, TrialState final)
    {
        var counter = final switch
        {
            TrialState.Completed => HyperSweepMetrics.TrialsCompleted,
            TrialState.Pruned => HyperSweepMetrics.TrialsPruned,
            TrialState.Failed => HyperSweepMetrics.TrialsFailed,
            TrialState.Cancelled => HyperSweepMetrics.TrialsCancelled,
            _ => null,
        };
        counter?.Add(1, HyperSweepMetrics.Sweep(sweepId));
    }
}
