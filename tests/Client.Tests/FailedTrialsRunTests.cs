using System.Text.Json;

namespace HyperSweep.Client.Tests;

/// <summary>
/// A sweep some of whose trials fail at run time: the console gets one line per failed trial and a summary of why
/// (never the stack traces, which go to the state directory's log file), the exit code is 4 (completed with failed
/// trials), and --json lists the failures.
/// </summary>
public sealed class FailedTrialsRunTests
{
    private const string Spec = """
        name: half-fail
        task: {kind: classification, data: {source: agreement, size: 200, dev_size: 50}}
        objective: {metric: val_accuracy, direction: maximize}
        strategy: {method: grid, seed: 3}
        parameters:
          hidden_size: {values: [8, 16]}
          synthetic_fail_at: {values: [2, 9]}
        pruner: nop
        budget: {max_epochs: 3}
        concurrency: 2
        """;

    [Fact]
    public async Task Failed_trials_are_one_line_each_summed_up_and_exit_4_and_their_traces_are_in_the_log_file()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("half-fail.yaml", Spec);
        var state = folder.Combine("state");

        var run = await CliRun.InvokeAsync("run", spec, "--state-dir", state, "--workload", "synthetic", "--slots", "2");

        Assert.Equal(ExitCodes.CompletedWithFailures, run.ExitCode);
        Assert.Contains("2 trials failed: InvalidOperationException: synthetic failure at epoch 2 (trials 0, 2)", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, run.Output.Split('\n').Count(l => l.Contains("] trial ", StringComparison.Ordinal) && l.Contains(" failed after 1 epochs, best val_accuracy=", StringComparison.Ordinal)));
        Assert.Contains($"the failed trials' full errors are in {Path.Combine(state, "logs", "silo.log")}", run.Error, StringComparison.Ordinal);
        NewcomerMistakeTests.AssertNoStackTrace(run);
        var log = await File.ReadAllTextAsync(Path.Combine(state, "logs", "silo.log"));
        Assert.Contains("synthetic failure at epoch 2", log, StringComparison.Ordinal);
        Assert.Contains("   at ", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lists_the_failures_by_reason()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("half-fail.yaml", Spec);

        var run = await CliRun.InvokeAsync("run", spec, "--state-dir", folder.Combine("state"), "--workload", "synthetic", "--slots", "2", "--json");

        Assert.Equal(ExitCodes.CompletedWithFailures, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(2, json.RootElement.GetProperty("failed").GetInt32());
        var failure = Assert.Single(json.RootElement.GetProperty("failures").EnumerateArray());
        Assert.Equal(2, failure.GetProperty("count").GetInt32());
        Assert.Equal([0, 2], failure.GetProperty("trials").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Contains("synthetic failure at epoch 2", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_copies_the_dev_silo_log_to_stderr()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("half-fail.yaml", Spec);

        var run = await CliRun.InvokeAsync("run", spec, "--state-dir", folder.Combine("state"), "--workload", "synthetic", "--slots", "2", "--verbose");

        Assert.Equal(ExitCodes.CompletedWithFailures, run.ExitCode);
        Assert.Contains("[WRN] HyperSweep.Grains.TrialGrain", run.Error, StringComparison.Ordinal);
        Assert.Contains("synthetic failure at epoch 2", run.Error, StringComparison.Ordinal);
    }
}
