using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HyperSweep.Grains.Tests.Cluster;

namespace HyperSweep.Grains.Tests.DevMode;

/// <summary>
/// The one-command dev mode survives a crash: the CLI (with its in-process silo) is killed mid-sweep, then
/// <c>run --resume</c> in the same state directory finishes the sweep with the earlier results intact.
/// </summary>
public sealed partial class DevModeRestartTests : IDisposable
{
    private const string Spec = """
        name: restart-test
        task:
          kind: classification
          data:
            source: agreement
            size: 400
            dev_size: 100
            seed: 3
        model:
          arch: rnn
          cell: lstm
          embedding_dim: 16
          batch_size: 16
        objective:
          metric: val_accuracy
          direction: maximize
        strategy:
          method: grid
          seed: 5
        parameters:
          hidden_size:
            values: [8, 16]
          lr:
            values: [0.03, 0.01]
        pruner:
          name: nop
        budget:
          max_epochs: 3
        concurrency: 1
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hs-restart-" + Guid.NewGuid().ToString("N"));

    [GeneratedRegex(@"trial (\d+) completed after 3 epochs, best val_accuracy=([0-9.]+)")]
    private static partial Regex CompletedLine();

    [GeneratedRegex(@"sweep (sw-[0-9a-f]+) running")]
    private static partial Regex SweepLine();

    [Fact]
    public async Task Killed_mid_sweep_then_resumed_completes_with_earlier_results_intact()
    {
        Directory.CreateDirectory(_directory);
        var specPath = Path.Combine(_directory, "spec.yaml");
        await File.WriteAllTextAsync(specPath, Spec);
        var state = Path.Combine(_directory, "state");

        Dictionary<int, string> before;
        string sweepId;
        using (var first = CliProcess.Start("run", specPath, "--state-dir", state, "--slots", "1"))
        {
            await Poll.Until(() => Task.FromResult(first.Stdout.Any(l => CompletedLine().IsMatch(l)) || first.HasExited), TimeSpan.FromSeconds(60), () => first.Output);
            Assert.False(first.HasExited, "the sweep ended before it could be killed:\n" + first.Output);
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
            before = first.Stdout.Select(l => CompletedLine().Match(l)).Where(m => m.Success)
                .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);
            sweepId = first.Stderr.Select(l => SweepLine().Match(l)).First(m => m.Success).Groups[1].Value;
        }

        Assert.InRange(before.Count, 1, 3);
        using var second = CliProcess.Start("run", "--resume", sweepId, "--state-dir", state, "--slots", "1", "--json");
        var exit = await second.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, second.Output);

        using var report = JsonDocument.Parse(string.Join('\n', second.Stdout));
        var root = report.RootElement;
        Assert.Equal(sweepId, root.GetProperty("sweep_id").GetString());
        Assert.Equal("completed", root.GetProperty("state").GetString());
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], trials.Select(t => t.GetProperty("number").GetInt32()));
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("state").GetString()));
        Assert.All(trials, t => Assert.Equal(3, t.GetProperty("epochs_run").GetInt32()));
        foreach (var (number, value) in before)
        {
            var best = trials[number].GetProperty("best_value").GetDouble();
            Assert.Equal(value, best.ToString("0.####", CultureInfo.InvariantCulture));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp directory
        }
    }
}
