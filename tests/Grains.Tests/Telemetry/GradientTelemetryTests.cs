using System.Diagnostics;
using System.Diagnostics.Metrics;
using HyperSweep.Contracts;
using HyperSweep.Grains.Telemetry;

namespace HyperSweep.Grains.Tests.Telemetry;

/// <summary>An epoch's gradient norms go out as a span event (the whole profile) and histogram points (k = 0, 1, 2, 4, ...).</summary>
public sealed class GradientTelemetryTests
{
    [Fact]
    public void The_profile_is_an_event_on_the_epoch_span_and_powers_of_two_steps_are_histogram_points()
    {
        var tag = "gradients-" + Guid.NewGuid().ToString("N");
        var points = new List<(double Value, int Layer, int Steps, string Cell)>();
        var histogram = HyperSweepMetrics.GradientNorm; // created before the listener starts, so it is published to it
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument, histogram))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(p => p.Key, p => p.Value);
            if ((string?)t[TelemetryAttributes.RnnCell] == tag)
            {
                lock (points)
                {
                    points.Add((value, (int)t[TelemetryAttributes.RnnLayer]!, (int)t[TelemetryAttributes.StepsBack]!, tag));
                }
            }
        });
        meters.Start();
        using var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HyperSweepTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(spans);
        using var span = HyperSweepTelemetry.Source.StartActivity("test-epoch")!;
        var assignment = new TrialAssignment("sw-t", 0, 1, Engine.Tasks.TaskDefinition.DefaultAgreement,
            System.Collections.Immutable.ImmutableSortedDictionary<string, object>.Empty, 1, 3, new Search.Objective("val_loss", Search.StudyDirection.Minimize));
        using var telemetry = new AttemptTelemetry(assignment, "silo", 0);
        double[][] layers = [[1, 0.5, 0.25, 0.125, 0.0625, 0.03], [2, 1, 0.5, 0.25, 0.125, 0.06]];

        telemetry.GradientsMeasured(span, new GradientRecord(3, tag, layers));

        var gradients = Assert.Single(span.Events, e => e.Name == HyperSweepTelemetry.GradientsEvent);
        var attributes = gradients.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(3, attributes[TelemetryAttributes.Epoch]);
        Assert.Equal(layers[0], attributes[TelemetryAttributes.GradientLayerPrefix + "0"]);
        Assert.Equal(layers[1], attributes[TelemetryAttributes.GradientLayerPrefix + "1"]);
        Assert.Equal(
            [(1.0, 0, 0), (0.5, 0, 1), (0.25, 0, 2), (0.0625, 0, 4), (2.0, 1, 0), (1.0, 1, 1), (0.5, 1, 2), (0.125, 1, 4)],
            points.Select(p => (p.Value, p.Layer, p.Steps)).OrderBy(p => p.Layer).ThenBy(p => p.Steps));
    }
}
