using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains.Tests.DevMode;

/// <summary>
/// The one-command dev mode survives a crash: the CLI (with its in-process silo) is killed mid-sweep, then
/// <c>run --resume</c> in the same state directory finishes the sweep with the earlier results intact.
/// </summary>
public sealed partial class DevModeRestartTests : IDisposable
{
    private const int Trials = 4;
    private const int Epochs = 3;

    private readonly TempFolder _directory = new("hs-restart-");

    [GeneratedRegex(@"trial (\d+) completed after 3 epochs, best val_loss=([0-9.]+)")]
    private static partial Regex CompletedLine();

    [GeneratedRegex(@"sweep (sw-[0-9a-f]+) running")]
    private static partial Regex SweepLine();

    [Fact]
    public async Task Killed_mid_sweep_then_resumed_completes_with_earlier_results_intact()
    {
        var specPath = _directory.Write("spec.yaml", SweepSpecs.Random(Trials, Epochs, concurrency: 1, seed: 5, name: "restart-test"));
        var state = _directory.Combine("state");
        // The synthetic workload in the CLI's silo takes a pass from the gate for every epoch. Three passes: trial 0
        // (one trial at a time) completes and trial 1 then waits at its first epoch, so the kill always finds the
        // sweep with exactly one trial finished, however fast the machine.
        using var gate = new EpochGate();
        var environment = new Dictionary<string, string> { [SyntheticTrialWorkload.GateVariable] = gate.Folder };
        gate.AllowAny(Epochs);

        Dictionary<int, string> before;
        string sweepId;
        using (var first = CliProcess.Start(environment, "run", specPath, "--state-dir", state, "--slots", "1", "--workload", "synthetic"))
        {
            await Poll.Until(() => first.Stdout.Any(l => CompletedLine().IsMatch(l)) || first.HasExited, TimeSpan.FromSeconds(60), () => first.Output);
            Assert.False(first.HasExited, "the CLI exited before the kill:\n" + first.Output);
            await first.KillAsync();
            before = first.Stdout.Select(l => CompletedLine().Match(l)).Where(m => m.Success)
                .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);
            sweepId = first.Stderr.Select(l => SweepLine().Match(l)).First(m => m.Success).Groups[1].Value;
        }

        Assert.Equal([0], before.Keys);
        gate.Open();
        using var second = CliProcess.Start(environment, "run", "--resume", sweepId, "--state-dir", state, "--slots", "1", "--workload", "synthetic", "--json");
        var exit = await second.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, second.Output);

        using var report = JsonDocument.Parse(string.Join('\n', second.Stdout));
        var root = report.RootElement;
        Assert.Equal(sweepId, root.GetProperty("sweep_id").GetString());
        Assert.Equal("completed", root.GetProperty("state").GetString());
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, Trials), trials.Select(t => t.GetProperty("number").GetInt32()));
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("state").GetString()));
        Assert.All(trials, t => Assert.Equal(Epochs, t.GetProperty("epochs_run").GetInt32()));
        foreach (var (number, value) in before)
        {
            var best = trials[number].GetProperty("best_value").GetDouble();
            Assert.Equal(value, best.ToString("0.####", CultureInfo.InvariantCulture));
            Assert.Equal(1, trials[number].GetProperty("attempts").GetInt32()); // kept, not trained again
        }
    }

    public void Dispose() => _directory.Dispose();
}
