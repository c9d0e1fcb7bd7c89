using System.Text.RegularExpressions;
using HyperSweep.Client;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains.Tests.DevMode;

/// <summary>
/// <c>hypersweep run</c> follows its sweep, not only its own process: paused by another command it says so and exits
/// 130 (as a Ctrl-C would; <c>--resume</c> continues), cancelled by another command it exits 1 with the reason.
/// </summary>
public sealed partial class RunFollowsSweepTests
{
    [GeneratedRegex(@"sweep (sw-[0-9a-f]+) running")]
    private static partial Regex SweepLine();

    [Fact]
    public async Task Run_exits_130_when_another_command_pauses_its_sweep_and_1_with_the_reason_when_one_cancels_it()
    {
        using var folder = new TempFolder("hs-follow-");
        var spec = folder.Write("spec.yaml", SweepSpecs.Random(trials: 4, epochs: 2, concurrency: 2, name: "followed"));
        var state = folder.Combine("state");
        // Closed: every trial waits at its first epoch, so the sweep is certainly running when the other command acts.
        using var gate = new EpochGate();
        var environment = new Dictionary<string, string> { [SyntheticTrialWorkload.GateVariable] = gate.Folder };

        string sweepId;
        using (var run = CliProcess.Start(environment, "run", spec, "--state-dir", state, "--slots", "2", "--workload", "synthetic"))
        {
            sweepId = await SweepOf(run);
            Assert.Equal(0, await Cli("pause", sweepId, "--state-dir", state));
            Assert.Equal(ExitCodes.Interrupted, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains(run.Stderr, l => l.Contains($"sweep {sweepId} was paused by another command", StringComparison.Ordinal)
                && l.Contains($"hypersweep run --resume {sweepId}", StringComparison.Ordinal));
        }

        using (var resumed = CliProcess.Start(environment, "run", "--resume", sweepId, "--state-dir", state, "--slots", "2", "--workload", "synthetic"))
        {
            Assert.Equal(sweepId, await SweepOf(resumed));
            Assert.Equal(0, await Cli("cancel", sweepId, "--state-dir", state));
            Assert.Equal(ExitCodes.SweepFailed, await resumed.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains(resumed.Stderr, l => l.Contains($"sweep {sweepId} was cancelled (cancelled by the user)", StringComparison.Ordinal));
        }
    }

    private static async Task<string> SweepOf(OwnedProcess run)
    {
        Match? line = null;
        await Poll.Until(() => (line = run.Stderr.Select(l => SweepLine().Match(l)).FirstOrDefault(m => m.Success)) is not null || run.HasExited,
            TimeSpan.FromSeconds(60), () => run.Output);
        Assert.False(run.HasExited, run.Output);
        return line!.Groups[1].Value;
    }

    private static async Task<int> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HyperSweepCli.InvokeAsync(args, output, error);
        Assert.True(code == 0, $"{string.Join(' ', args)}: exit {code}\n{error}\n{output}");
        return code;
    }
}
