using HyperSweep.Search;
using System.Diagnostics;
using HyperSweep.Contracts;
using HyperSweep.Grains.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HyperSweep.Telemetry.Tests;

/// <summary>
/// A small sweep on a real silo, its spans collected by an SDK processor and its metrics by the SDK's in-memory
/// exporter: the span tree and the counters must match what the sweep itself reports. Other tests run sweeps in
/// parallel in this process; everything here is filtered by this sweep's id and trace id.
/// </summary>
public sealed class InMemoryTelemetryTests
{
    [Fact]
    public async Task A_sweep_yields_sweep_trial_epoch_spans_with_prune_events_and_counters_equal_to_its_status()
    {
        var spans = new EndedSpans();
        var metrics = new List<MetricSnapshot>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(HyperSweepTelemetry.Name).AddProcessor(spans).Build();
        using var metering = Sdk.CreateMeterProviderBuilder().AddMeter(HyperSweepTelemetry.Name).AddInMemoryExporter(metrics).Build();

        SweepStatus status;
        IReadOnlyList<TrialSummary> trials;
        string id;
        await using (var silo = await TestSilo.StartAsync())
        {
            id = await silo.SubmitAsync(SweepSpecs.PrunedGrid("in-memory"));
            status = await silo.WaitFinishedAsync(id);
            trials = await silo.Grains.GetGrain<ISweepGrain>(id).GetTrials();

            // A pruned trial's thread ends its span after the coordinator has moved on: wait for every attempt span.
            await Poll.Until(
                () => spans.Snapshot().Count(s => s.OperationName == HyperSweepTelemetry.TrialSpan && Tag(s, TelemetryAttributes.SweepId) == id) == SweepSpecs.PrunedGridTrials,
                TimeSpan.FromSeconds(20),
                () => $"trial spans of {id}: {spans.Snapshot().Count(s => s.OperationName == HyperSweepTelemetry.TrialSpan && Tag(s, TelemetryAttributes.SweepId) == id)}");
        }

        Assert.Equal(SweepState.Completed, status.State);
        Assert.True(status.Pruned > 0, $"the test sweep must prune something to check prune events: {status}");
        Assert.Equal(SweepSpecs.PrunedGridTrials, status.Completed + status.Pruned);

        var all = spans.Snapshot();
        var sweep = Assert.Single(all, s => s.OperationName == HyperSweepTelemetry.SweepSpan && Tag(s, TelemetryAttributes.SweepId) == id);
        Assert.Equal(default, sweep.ParentSpanId);
        Assert.Equal("completed", Tag(sweep, TelemetryAttributes.SweepState));
        var trace = all.Where(s => s.TraceId == sweep.TraceId).ToList();

        var trialSpans = trace.Where(s => s.OperationName == HyperSweepTelemetry.TrialSpan).ToList();
        Assert.Equal(SweepSpecs.PrunedGridTrials, trialSpans.Count);
        Assert.All(trialSpans, t => Assert.Equal(sweep.SpanId, t.ParentSpanId));
        foreach (var trial in trials)
        {
            var span = Assert.Single(trialSpans, t => (int)t.GetTagItem(TelemetryAttributes.Trial)! == trial.Number);
            Assert.Equal(trial.State.ToString().ToLowerInvariant(), Tag(span, TelemetryAttributes.TrialState));

            var epochs = trace.Where(s => s.OperationName == HyperSweepTelemetry.EpochSpan && s.ParentSpanId == span.SpanId).ToList();
            Assert.Equal(trial.EpochsRun, epochs.Count);
            Assert.Equal(Enumerable.Range(1, trial.EpochsRun), epochs.Select(e => (int)e.GetTagItem(TelemetryAttributes.Epoch)!).Order());
            Assert.All(epochs, e => Assert.IsType<double>(e.GetTagItem(TelemetryAttributes.MetricPrefix + "val_loss")));

            var pruneEvents = epochs.SelectMany(e => e.Events).Where(e => e.Name == HyperSweepTelemetry.PrunedEvent).ToList();
            if (trial.State == TrialState.Pruned)
            {
                var pruned = Assert.Single(pruneEvents);
                Assert.Equal(trial.Reason, pruned.Tags.Single(t => t.Key == TelemetryAttributes.PruneReason).Value);
                Assert.Equal(trial.EpochsRun, (int)pruned.Tags.Single(t => t.Key == TelemetryAttributes.Epoch).Value!);
            }
            else
            {
                Assert.Empty(pruneEvents);
            }
        }

        Assert.All(trace, s => Assert.True(s.OperationName.StartsWith("hypersweep.", StringComparison.Ordinal), s.OperationName));

        // Disposing exports the final values and stops the periodic reader, so nothing adds to the list while it is read.
        metering.Dispose();
        var counts = metrics.ToList();
        Assert.Equal(status.Completed + status.Pruned + status.Failed, Counter(counts, "hypersweep.trials.started", id));
        Assert.Equal(status.Completed, Counter(counts, "hypersweep.trials.completed", id));
        Assert.Equal(status.Pruned, Counter(counts, "hypersweep.trials.pruned", id));
        Assert.Equal(status.Failed, Counter(counts, "hypersweep.trials.failed", id));
        var epochsRun = trials.Sum(t => t.EpochsRun);
        Assert.True(HistogramCount(counts, "hypersweep.trial.epoch.duration") >= epochsRun, "every epoch of this sweep is in the epoch-duration histogram");
        Assert.True(HistogramCount(counts, "hypersweep.coordinator.decision.duration") >= epochsRun, "every report of this sweep is in the decision-latency histogram");
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    /// <summary>The cumulative value of a counter for one sweep in the latest export (0 when it never counted).</summary>
    private static long Counter(List<MetricSnapshot> exports, string name, string sweepId)
    {
        var latest = exports.LastOrDefault(m => m.Name == name);
        if (latest is null)
        {
            return 0;
        }

        long total = 0;
        foreach (var point in latest.MetricPoints)
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == TelemetryAttributes.SweepId && (string?)tag.Value == sweepId)
                {
                    total += point.GetSumLong();
                }
            }
        }

        return total;
    }

    private static long HistogramCount(List<MetricSnapshot> exports, string name)
    {
        var latest = exports.LastOrDefault(m => m.Name == name);
        return latest is null ? 0 : latest.MetricPoints.Sum(p => p.GetHistogramCount());
    }
}
