using System.Text.Json;
using HyperSweep.Grains.Workloads;
using HyperSweep.Silo;

namespace HyperSweep.Client.Tests;

/// <summary>pause, resume and cancel change a running sweep, and each prints the state it leads to.</summary>
public sealed class ControlCommandTests
{
    [Fact]
    public async Task Pause_resume_and_cancel_change_a_running_sweep()
    {
        using var state = new TempFolder("hypersweep-control-");
        var spec = state.Write("spec.yaml", SweepSpecs.SmallGrid);
        // A dev silo of its own (a child process, so the gate variable reaches only its workload) whose gate stays
        // closed: the sweep's first trials wait at their first epoch, so it is running for every command below.
        using var gate = new EpochGate();
        using var silo = CliProcess.Start(
            new Dictionary<string, string> { [SyntheticTrialWorkload.GateVariable] = gate.Folder },
            "serve", "--state-dir", state.Path, "--workload", "synthetic", "--slots", "2");
        await Poll.Until(
            () => File.Exists(Path.Combine(state.Path, DevGatewayFile.FileName)) || silo.HasExited,
            TimeSpan.FromSeconds(60),
            () => "the dev silo published no gateway:\n" + silo.Output);
        Assert.False(silo.HasExited, silo.Output);

        var submit = await Cli("submit", spec, "--quiet");
        Assert.Equal(0, submit.ExitCode);
        var id = submit.Output.Trim();
        Assert.Equal("paused", (await Cli("pause", id, "-q")).Output.Trim());
        Assert.Equal("running", (await Cli("resume", id, "-q")).Output.Trim());
        var cancel = await Cli("cancel", id, "--json");
        Assert.Equal(0, cancel.ExitCode);
        using var json = JsonDocument.Parse(cancel.Output);
        Assert.Equal("cancelled", json.RootElement.GetProperty("state").GetString());

        await silo.StopAsync(TimeSpan.FromSeconds(30));

        Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--state-dir", state.Path]);
    }
}
