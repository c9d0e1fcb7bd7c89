using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains.Tests.DevMode;

/// <summary>
/// Dev mode on a disk that fills up mid-sweep: <c>run</c> stops cleanly with one line naming the state directory and
/// the space it needs (exit 3), shows no outcome it has not stored and no stack trace, and after the space is freed
/// <c>run --resume</c> completes the sweep with every outcome shown before unchanged.
/// </summary>
public sealed partial class FullDiskTests
{
    private const int Trials = 6;
    private const int Epochs = 2;

    [GeneratedRegex(@"trial (\d+) (completed|pruned|failed|cancelled) after (\d+) epochs, best val_loss=([0-9.]+)")]
    private static partial Regex OutcomeLine();

    [GeneratedRegex(@"sweep (sw-[0-9a-f]+) running")]
    private static partial Regex SweepLine();

    [Fact]
    public async Task A_full_disk_stops_run_with_one_line_and_resume_completes_after_space_is_freed()
    {
        using var disk = SmallFilesystem.Mount(64L << 20);
        var state = Path.Combine(disk.Path, "state");
        using var folder = new TempFolder("hs-full-disk-");
        // Half-megabyte checkpoints (files in the state directory's artifact store): the first one written once the
        // filler is in does not fit.
        var spec = folder.Write("spec.yaml", SweepSpecs.Random(Trials, Epochs, concurrency: 1, seed: 4, name: "full-disk").Replace(
            "pruner: {name: none}", "pruner: {name: none}\nmodel: {synthetic_checkpoint_kb: 512}", StringComparison.Ordinal));
        // Trial 0 runs to its end; every later trial waits at its first epoch until the disk is full.
        using var gate = new EpochGate();
        gate.AllowStarts(1, lastEpoch: Epochs);
        var environment = new Dictionary<string, string> { [SyntheticTrialWorkload.GateVariable] = gate.Folder };

        string sweepId;
        Dictionary<int, string> shown;
        using (var run = CliProcess.Start(environment, "run", spec, "--state-dir", state, "--slots", "1", "--workload", "synthetic"))
        {
            await Poll.Until(() => run.Stdout.Any(l => OutcomeLine().IsMatch(l)) || run.HasExited, TimeSpan.FromSeconds(90), () => run.Output);
            Assert.False(run.HasExited, "run exited before the disk was full:\n" + run.Output);
            disk.Fill(leaveFree: 256 * 1024);
            gate.Open();

            var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exit == 3, $"exit {exit}:\n{run.Output}");
            var fault = Assert.Single(run.Stderr, l => l.Contains("out of disk space", StringComparison.Ordinal));
            Assert.StartsWith($"hypersweep run: the state directory {state} is out of disk space", fault, StringComparison.Ordinal);
            Assert.Contains("Free at least", fault, StringComparison.Ordinal);
            Assert.Contains("Continue with: hypersweep run --resume sw-", fault, StringComparison.Ordinal);
            Assert.DoesNotContain(run.Stdout.Concat(run.Stderr), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
            sweepId = run.Stderr.Select(l => SweepLine().Match(l)).First(m => m.Success).Groups[1].Value;
            shown = run.Stdout.Select(l => OutcomeLine().Match(l)).Where(m => m.Success)
                .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value + " " + m.Groups[4].Value);
        }

        Assert.Contains(0, shown.Keys);
        Assert.True(shown.Count < Trials, "the disk filled up only after the sweep had ended");
        disk.Free();
        using var resumed = CliProcess.Start(environment, "run", "--resume", sweepId, "--state-dir", state, "--slots", "1", "--workload", "synthetic", "--json");
        Assert.True(await resumed.WaitForExitAsync(TimeSpan.FromSeconds(120)) == 0, resumed.Output);

        using var report = JsonDocument.Parse(string.Join('\n', resumed.Stdout));
        var trials = report.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, Trials), trials.Select(t => t.GetProperty("number").GetInt32()));
        Assert.All(trials, t => Assert.Equal(("completed", Epochs), (t.GetProperty("state").GetString(), t.GetProperty("epochs_run").GetInt32())));
        foreach (var (number, outcome) in shown)
        {
            // What the first run showed was stored: the same end, not trained again.
            var trial = trials[number];
            Assert.Equal(outcome, $"{trial.GetProperty("state").GetString()} {trial.GetProperty("best_value").GetDouble().ToString("0.####", CultureInfo.InvariantCulture)}");
            Assert.Equal(1, trial.GetProperty("attempts").GetInt32());
        }
    }
}
