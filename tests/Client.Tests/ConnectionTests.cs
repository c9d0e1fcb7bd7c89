using HyperSweep.Client.Connection;
using HyperSweep.Silo;

namespace HyperSweep.Client.Tests;

/// <summary>Connection failures map to exit codes: unreachable → 3 within the connect timeout, malformed target → 2, typos → 2.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task A_dev_silo_gateway_that_does_not_answer_exits_3_naming_it()
    {
        using var state = new TempFolder();
        // A process holds the directory (the lock) but its published gateway port has no listener.
        using var held = StateDirectoryLock.Acquire(state.Path);
        var port = FreePort.OnLoopback();
        DevGatewayFile.Write(state.Path, port);

        var run = await CliRun.InvokeAsync("ls", "--state-dir", state.Path, "--connect-timeout", "5");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dev_silo_that_does_not_start_within_the_connect_timeout_exits_3_saying_so()
    {
        using var state = new TempFolder();

        // No silo starts in a millisecond: the start is cut short, whatever the machine.
        var run = await CliRun.InvokeAsync("ls", "--state-dir", state.Path, "--connect-timeout", "0.001");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"a dev silo on {state.Path} did not start within 0 s", run.Error, StringComparison.Ordinal);
        Assert.Contains("--connect-timeout", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_without_a_running_dev_silo_exits_3_with_the_serve_hint()
    {
        using var state = new TempFolder();
        var spec = state.Write("spec.yaml", SweepSpecs.SmallGrid);

        var run = await CliRun.InvokeAsync("submit", spec, "--state-dir", state.Path);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("hypersweep serve", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_command_exits_2_with_a_suggestion()
    {
        var run = await CliRun.InvokeAsync("sttaus", "sw-1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("status", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hypersweep_cluster_environment_variable_selects_the_cluster_and_empty_means_dev_mode()
    {
        var dev = ClusterTargets.Resolve(new ClusterTargetOptions("", "/tmp/hs-state", TimeSpan.FromSeconds(1)));
        var devTarget = Assert.IsType<DevClusterTarget>(dev);
        Assert.Equal("/tmp/hs-state", devTarget.StateDir);
    }
}
