namespace HyperSweep.Client.Tests;

/// <summary>
/// hypersweep run with TERM=dumb and captured (redirected) output: the plain progress path, never Spectre's live
/// display, and no colour codes.
/// </summary>
public sealed class NonTerminalRunTests
{
    [Fact]
    public async Task Run_with_dumb_terminal_prints_plain_progress_and_the_leaderboard()
    {
        using var state = new TempFolder();
        var spec = state.Write("spec.yaml", SweepSpecs.SmallGrid);
        var previous = Environment.GetEnvironmentVariable("TERM");
        Environment.SetEnvironmentVariable("TERM", "dumb");
        try
        {
            var run = await CliRun.InvokeAsync("run", spec, "--state-dir", Path.Combine(state.Path, "state"), "--workload", "synthetic", "--slots", "2");

            Assert.Equal(0, run.ExitCode);
            Assert.Matches(@"trial 0 (started|epoch \d+|completed|pruned)", run.Output);
            Assert.Contains("6/6 done", run.Output, StringComparison.Ordinal);
            Assert.Contains("rank", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', run.Output);
            Assert.DoesNotContain('\u001b', run.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TERM", previous);
        }
    }
}
