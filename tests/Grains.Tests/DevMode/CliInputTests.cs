namespace HyperSweep.Grains.Tests.DevMode;

/// <summary>Bad input to <c>hypersweep run</c>: exit code 2, the located message, no stack trace, no state.</summary>
public sealed class CliInputTests : IDisposable
{
    private readonly TempFolder _directory = new("hs-cli-");

    [Fact]
    public async Task A_spec_with_an_unknown_metric_exits_2_with_file_line_and_column()
    {
        var spec = _directory.Write("bad.yaml", "name: bad\nobjective:\n  metric: val_acc\n");
        var state = _directory.Combine("state");

        using var cli = CliProcess.Start("run", spec, "--state-dir", state);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, exit);
        var message = Assert.Single(cli.Stderr);
        Assert.StartsWith($"{spec}:3:11: objective.metric:", message);
        Assert.DoesNotContain("   at ", cli.Output);
        Assert.False(File.Exists(Path.Combine(state, "state.db")), "a rejected spec must not create state");
    }

    [Fact]
    public async Task Resuming_an_unknown_sweep_exits_2_and_names_the_known_ones()
    {
        using var cli = CliProcess.Start("run", "--resume", "sw-doesnotexist", "--state-dir", _directory.Combine("state"));
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(25));

        Assert.Equal(2, exit);
        Assert.Contains(cli.Stderr, l => l.Contains("no sweep 'sw-doesnotexist'", StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();
}
