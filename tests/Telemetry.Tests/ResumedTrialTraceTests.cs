using HyperSweep.Search;
using System.Diagnostics;
using HyperSweep.Contracts;
using HyperSweep.Grains.Telemetry;
using HyperSweep.Grains.Workloads;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace HyperSweep.Telemetry.Tests;

/// <summary>A trial interrupted mid-training (sweep paused) and resumed as a new attempt continues the sweep's trace.</summary>
public sealed class ResumedTrialTraceTests
{
    [Fact]
    public async Task A_resumed_attempt_is_a_new_trial_span_in_the_same_trace_under_the_sweep()
    {
        var spans = new EndedSpans();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(HyperSweepTelemetry.Name).AddProcessor(spans).Build();
        // The first trial (one at a time) runs one epoch and waits at the gate: the pause interrupts it mid-training.
        using var gate = new EpochGate();
        gate.AllowThrough(1);
        await using var silo = await TestSilo.StartAsync(workload: new SyntheticTrialWorkload(gate.Folder));
        var id = await silo.SubmitAsync(SweepSpecs.PrunedGrid("resumed"));
        var sweep = silo.Grains.GetGrain<ISweepGrain>(id);

        IReadOnlyList<TrialSummary> trials = [];
        await Poll.Until(
            async () => (trials = await sweep.GetTrials()).Any(t => t.State == TrialState.Running && t.EpochsRun == 1),
            TimeSpan.FromSeconds(20),
            () => "no trial reached the gate after its first epoch");
        await sweep.Pause();
        gate.Open();
        await sweep.Resume();
        var status = await silo.WaitFinishedAsync(id);
        Assert.Equal(SweepState.Completed, status.State);

        var detail = (await Task.WhenAll(Enumerable.Range(0, SweepSpecs.PrunedGridTrials).Select(n => sweep.GetTrial(n)))).Select(d => d!).ToList();
        var resumed = detail.Where(d => d.Attempts.Count > 1).ToList();
        Assert.NotEmpty(resumed);
        var expectedSpans = detail.Sum(d => d.Attempts.Count);
        List<Activity> Mine() => spans.Snapshot().Where(s => Equals(s.GetTagItem(TelemetryAttributes.SweepId), id)).ToList();

        await Poll.Until(
            () => Mine().Count(s => s.OperationName == HyperSweepTelemetry.TrialSpan) == expectedSpans,
            TimeSpan.FromSeconds(20),
            () => $"trial spans: {Mine().Count(s => s.OperationName == HyperSweepTelemetry.TrialSpan)} of {expectedSpans}");

        var all = Mine();
        var sweepSpan = Assert.Single(all, s => s.OperationName == HyperSweepTelemetry.SweepSpan);
        foreach (var trial in resumed)
        {
            var attempts = all
                .Where(s => s.OperationName == HyperSweepTelemetry.TrialSpan && (int)s.GetTagItem(TelemetryAttributes.Trial)! == trial.Summary.Number)
                .OrderBy(s => (int)s.GetTagItem(TelemetryAttributes.Attempt)!)
                .ToList();
            Assert.Equal(trial.Attempts.Select(a => a.Attempt), attempts.Select(s => (int)s.GetTagItem(TelemetryAttributes.Attempt)!));
            Assert.All(attempts, s =>
            {
                Assert.Equal(sweepSpan.TraceId, s.TraceId);
                Assert.Equal(sweepSpan.SpanId, s.ParentSpanId);
            });
            Assert.Equal("pending", attempts[0].GetTagItem(TelemetryAttributes.TrialState));
            Assert.True((int)attempts[^1].GetTagItem(TelemetryAttributes.ResumedFromEpoch)! >= 1, "the resumed attempt starts from the checkpoint");
        }
    }
}
