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

    [Fact]
    public async Task Run_into_a_pipe_prints_each_trial_s_parameters_whole_however_long_the_line()
    {
        using var state = new TempFolder();
        // Seven sampled parameters: the "trial N started: …" line runs past the 120 columns a terminal line is cut at.
        var spec = state.Write("spec.yaml", """
            name: long-lines
            task: {kind: classification, data: {source: agreement, size: 200, dev_size: 50}}
            objective: {metric: val_accuracy, direction: maximize}
            strategy: {method: random, trials: 2, seed: 3}
            parameters:
              batch_size: {values: [32, 64]}
              dropout: {min: 0.0, max: 0.5}
              embedding_dim: {values: [16, 32]}
              hidden_layers: {values: [1, 2]}
              hidden_size: {values: [8, 16]}
              lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
              weight_decay: {min: 0.000001, max: 0.001, distribution: log_uniform}
            budget: {max_epochs: 1}
            """);

        // A real process whose stdout is a pipe, as in `hypersweep run spec > log` or a script reading its lines.
        using var run = CliProcess.Start("run", spec, "--state-dir", Path.Combine(state.Path, "state"), "--workload", "synthetic", "--slots", "1");
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromMinutes(5)) == 0, run.Output);

        var started = run.Stdout.Where(l => l.Contains("trial 0 started: ", StringComparison.Ordinal)).ToList();
        Assert.True(started.Count == 1, run.Output);
        Assert.True(started[0].Length > Commands.TextTable.MaxWidth, started[0]);
        Assert.DoesNotContain("…", started[0], StringComparison.Ordinal);
        Assert.All(new[] { "batch_size=", "dropout=", "embedding_dim=", "hidden_layers=", "hidden_size=", "lr=", "weight_decay=" }, p => Assert.Contains(p, started[0], StringComparison.Ordinal));
    }
}
