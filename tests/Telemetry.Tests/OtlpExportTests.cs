using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Grains.Telemetry;
using HyperSweep.Telemetry.Tests.Otlp;
using Microsoft.Extensions.DependencyInjection;

namespace HyperSweep.Telemetry.Tests;

/// <summary>
/// The silo's OTLP exporter (configured through HyperSweep:Telemetry and the standard OTEL_* keys, as an operator
/// would) sends to a real OTLP/HTTP protobuf endpoint run by this test; the decoded export must hold the sweep's
/// spans with their names, parents and attributes, the resource attributes, and counters equal to the sweep's counts.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Otlp_http_protobuf_export_carries_the_sweep_spans_resource_and_counters()
    {
        await using var receiver = new OtlpHttpReceiver();
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?>
        {
            ["HyperSweep:Telemetry:Otlp"] = "true",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        var id = await silo.SubmitAsync(SweepSpecs.PrunedGrid("otlp"));
        var status = await silo.WaitFinishedAsync(id);
        var trials = await silo.Grains.GetGrain<ISweepGrain>(id).GetTrials();

        OtlpSpan? sweep = null;
        await Poll.Until(
            () =>
            {
                var spans = receiver.Spans;
                sweep = spans.FirstOrDefault(s => s.Name == HyperSweepTelemetry.SweepSpan && Equals(s.Attributes.GetValueOrDefault(TelemetryAttributes.SweepId), id));
                return sweep is not null && spans.Count(s => s.TraceId == sweep.TraceId && s.Name == HyperSweepTelemetry.TrialSpan) == SweepSpecs.PrunedGridTrials;
            },
            TimeSpan.FromSeconds(30),
            () => $"spans received: {receiver.Spans.Count}; receiver errors: {string.Join("; ", receiver.Errors)}");

        Assert.Empty(receiver.Errors);
        var trace = receiver.Spans.Where(s => s.TraceId == sweep!.TraceId).ToList();
        Assert.Equal("", sweep!.ParentSpanId);
        Assert.Equal(HyperSweepTelemetry.Name, sweep.Scope);
        Assert.Equal("hypersweep-silo", sweep.Resource["service.name"]);
        Assert.Equal("telemetry-tests", sweep.Resource["hypersweep.cluster.id"]);
        Assert.Equal(Environment.MachineName, sweep.Resource["host.name"]);
        Assert.Equal(silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString(), sweep.Resource["hypersweep.silo.address"]);

        var trialSpans = trace.Where(s => s.Name == HyperSweepTelemetry.TrialSpan).ToList();
        Assert.All(trialSpans, t => Assert.Equal(sweep.SpanId, t.ParentSpanId));
        var epochSpans = trace.Where(s => s.Name == HyperSweepTelemetry.EpochSpan).ToList();
        Assert.Equal(trials.Sum(t => t.EpochsRun), epochSpans.Count);
        Assert.All(epochSpans, e =>
        {
            Assert.Contains(trialSpans, t => t.SpanId == e.ParentSpanId);
            Assert.IsType<double>(e.Attributes[TelemetryAttributes.MetricPrefix + "val_loss"]);
            Assert.IsType<long>(e.Attributes[TelemetryAttributes.Epoch]);
        });
        var pruneEvents = epochSpans.SelectMany(e => e.Events).Where(e => e.Name == HyperSweepTelemetry.PrunedEvent).ToList();
        Assert.True(status.Pruned > 0, $"the test sweep must prune something: {status}");
        Assert.Equal(status.Pruned, pruneEvents.Count);
        Assert.Equal(
            trials.Where(t => t.State == TrialState.Pruned).Select(t => t.Reason).Order(),
            pruneEvents.Select(e => (string?)e.Attributes[TelemetryAttributes.PruneReason]).Order());

        var expected = new Dictionary<string, int>
        {
            ["hypersweep.trials.started"] = status.Completed + status.Pruned + status.Failed,
            ["hypersweep.trials.completed"] = status.Completed,
            ["hypersweep.trials.pruned"] = status.Pruned,
        };
        await Poll.Until(
            () => expected.All(e => Sum(receiver, e.Key, id) == e.Value),
            TimeSpan.FromSeconds(30),
            () => "received counters: " + string.Join(", ", expected.Keys.Select(k => $"{k}={Sum(receiver, k, id)}")) + $"; the sweep reports {status}");
    }

    private static double Sum(OtlpHttpReceiver receiver, string metric, string sweepId) =>
        receiver.Sums.Where(s => s.Metric == metric && Equals(s.Attributes.GetValueOrDefault(TelemetryAttributes.SweepId), sweepId)).Sum(s => s.Value);
}
