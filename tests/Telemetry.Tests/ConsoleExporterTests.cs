namespace HyperSweep.Telemetry.Tests;

/// <summary>The console exporter writes to its configured file (stderr by default), never to stdout.</summary>
public sealed class ConsoleExporterTests
{
    [Fact]
    public async Task Console_exporter_writes_the_sweep_spans_and_counters_to_its_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "hs-console-" + Guid.NewGuid().ToString("N") + ".log");
        string id;
        await using (var silo = await TestSilo.StartAsync(new Dictionary<string, string?>
        {
            ["HyperSweep:Telemetry:Console"] = "true",
            ["HyperSweep:Telemetry:ConsolePath"] = path,
        }))
        {
            id = await silo.SubmitAsync(SweepSpecs.PrunedGrid("console"));
            await silo.WaitFinishedAsync(id);
        }

        // Stopping the host flushed the exporters.
        var lines = await File.ReadAllLinesAsync(path);
        File.Delete(path);
        Assert.Single(lines, l => l.StartsWith("otel span hypersweep.sweep ", StringComparison.Ordinal) && l.Contains($"hypersweep.sweep.id={id}", StringComparison.Ordinal));
        Assert.Equal(SweepSpecs.PrunedGridTrials, lines.Count(l => l.StartsWith("otel span hypersweep.trial ", StringComparison.Ordinal) && l.Contains($"hypersweep.sweep.id={id}", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("otel metric hypersweep.trials.completed ", StringComparison.Ordinal) && l.Contains($"hypersweep.sweep.id={id}", StringComparison.Ordinal));
    }
}
