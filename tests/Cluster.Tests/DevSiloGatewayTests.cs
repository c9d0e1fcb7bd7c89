using HyperSweep.Client;
using HyperSweep.Silo;

namespace HyperSweep.Cluster.Tests;

/// <summary>
/// A long-lived dev-mode hypersweep-silo publishes its gateway in its state directory, so CLI commands on that
/// directory use it (instead of failing on the held lock), and withdraws it when it stops.
/// </summary>
public sealed class DevSiloGatewayTests
{
    [Fact]
    public async Task Cli_commands_reach_a_dev_silo_process_through_its_published_gateway()
    {
        var stateDir = Directory.CreateTempSubdirectory("hypersweep-dev-").FullName;
        try
        {
            using var silo = OwnedProcess.Start("silo", Paths.SiloBinary,
                ["--state-dir", stateDir, "--silo-port", "0", "--gateway-port", "0", "--workload", "synthetic", "--slots", "1"]);
            var gatewayFile = Path.Combine(stateDir, DevGatewayFile.FileName);
            await Poll.Until(
                () => Task.FromResult(File.Exists(gatewayFile) || silo.HasExited),
                TimeSpan.FromSeconds(60),
                () => "the silo published no gateway:\n" + silo.Output);
            Assert.False(silo.HasExited, silo.Output);
            Assert.NotNull(DevGatewayFile.Read(stateDir));

            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await HyperSweepCli.InvokeAsync(["ls", "--state-dir", stateDir, "--json"], output, error);
            Assert.True(exit == ExitCodes.Success, $"exit {exit}: {error}\n{output}");

            await silo.StopAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, silo.ExitCode);
            Assert.False(File.Exists(gatewayFile), "the gateway file outlived its silo");
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }
}
