using HyperSweep.Silo;

namespace HyperSweep.Client.Tests;

/// <summary>
/// ONE dev silo (synthetic workload) on a temporary state directory, shared by the query tests, with one finished
/// sweep submitted through <c>hypersweep submit</c> and followed to its end with <c>hypersweep watch</c> (whose
/// non-terminal output the tests check). Commands reach the silo through the gateway it publishes.
/// </summary>
public sealed class DevSiloFixture : IAsyncLifetime
{
    private DevSilo? _silo;

    public string StateDir { get; } = Path.Combine(Path.GetTempPath(), "hypersweep-cli-" + Guid.NewGuid().ToString("N"));

    public string SpecFile => StateDir + "-spec.yaml";

    public string SweepId { get; private set; } = "";

    internal CliRun Watch { get; private set; } = new(0, "", "");

    public IGrainFactory Grains => _silo!.Grains;

    public async Task InitializeAsync()
    {
        var options = new HyperSweepSiloOptions
        {
            Mode = SiloMode.Dev,
            StateDir = StateDir,
            SiloPort = 0,
            GatewayPort = 0,
            Slots = 2,
            Workload = WorkloadKind.Synthetic,
        };
        _silo = await DevSilo.StartAsync(options, CancellationToken.None);
        await File.WriteAllTextAsync(SpecFile, SweepSpecs.SmallGrid);
        var submit = await Cli("submit", SpecFile);
        if (submit.ExitCode != 0)
        {
            throw new InvalidOperationException($"fixture submit failed ({submit.ExitCode}): {submit.Error}");
        }

        SweepId = submit.Output.Trim();
        Watch = await Cli("watch", SweepId, "--interval", "0.1");
    }

    /// <summary>Runs the CLI in-process with --state-dir pointing at the fixture's silo.</summary>
    internal Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--state-dir", StateDir]);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        File.Delete(SpecFile);
        Directory.Delete(StateDir, recursive: true);
    }
}
