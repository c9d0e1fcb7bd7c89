using System.Text.RegularExpressions;

namespace HyperSweep.Client.Tests;

/// <summary>
/// Mistakes a newcomer makes on the command line, one per error class, none of which needs a silo: each exits with
/// the documented code, says what is wrong in its FIRST line, and prints no stack frame anywhere.
/// </summary>
public sealed partial class NewcomerMistakeTests
{
    public static TheoryData<string[], int, string> Mistakes() => new()
    {
        { ["stauts"], 2, "hypersweep: unknown command 'stauts'; did you mean 'status'?" },
        { ["staus", "quickstart"], 2, "hypersweep: unknown command 'staus'; did you mean 'status'?" },
        { ["trial", "quickstart", "abc"], 2, "hypersweep trial: <trial>: expected a whole number, not 'abc'" },
        { ["top", "quickstart", "--jsn"], 2, "hypersweep top: unknown option '--jsn'; did you mean '--json'?" },
        { ["top", "quickstart", "--top", "0"], 2, "hypersweep top: --top: must be at least 1, not 0" },
        { ["top", "quickstart", "--top", "ten"], 2, "hypersweep top: --top: expected a whole number, not 'ten'" },
        { ["watch", "quickstart", "--interval", "-1"], 2, "hypersweep watch: --interval: must be between 0.05 and 3600 seconds, not -1" },
        { ["status"], 2, "hypersweep status: missing <sweep>" },
        { ["run", "x.yaml", "--workload", "Engine"], 2, "hypersweep run: --workload: 'Engine' is not one of engine, synthetic; did you mean 'engine'?" },
        { ["run", "x.yaml", "--slots", "0"], 2, "hypersweep run: --slots: must be at least 1, not 0" },
        { ["export", "quickstart", "--format", "xlsx"], 2, "hypersweep export: --format: 'xlsx' is not one of csv, json" },
        { ["plot", "quickstart"], 2, "hypersweep plot: --output: is required" },
        { ["validate", "no-such-spec.yaml"], 2, "hypersweep validate: spec file not found:" },
        { ["run", "no-such-spec.yaml"], 2, "hypersweep run: spec file not found:" },
        { ["train", "no-such-trial.yaml"], 2, "hypersweep train: no-such-trial.yaml: trial file not found" },
        { ["replay", "--table", "no-such.csv"], 2, "hypersweep replay: table file not found:" },
        { ["replay", "quickstart"], 2, "hypersweep replay: give --pruner NAME" },
        { ["ls", "--cluster", "bogus"], 2, "hypersweep ls: --cluster / HYPERSWEEP_CLUSTER: cluster address 'bogus' has no scheme" },
        { ["ls", "--connect-timeout", "-5"], 2, "hypersweep ls: --connect-timeout: must be between 0 and 3600 seconds, not -5" },
        { ["ls", "--connect-timeout", "soon"], 2, "hypersweep ls: --connect-timeout: expected a number, not 'soon'" },
        { ["ls", "--state-dir", "/etc/passwd"], 2, "hypersweep ls: --state-dir: /etc/passwd is a file, not a folder" },
        { ["validate", "."], 2, "hypersweep validate: " },
        { ["train", "."], 2, "hypersweep train: .: is a folder, not a trial file" },
        { ["run", "--resume"], 2, "hypersweep run: missing <spec>" },
        { ["replay", "quickstart", "--pruner", "median", "--sampler", "tpe"], 2, "hypersweep replay: give --pruner (replay pruning) or --sampler (replay sampling), not both" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_gets_one_line_naming_it_and_no_stack_trace(string[] args, int exitCode, string firstLine)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith(firstLine, run.Error.Split('\n')[0], StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task A_spec_mistake_is_located_and_nothing_runs()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("typo.yaml", "name: typo\nmodel:\n  hiden_size: 32\n");

        var run = await CliRun.InvokeAsync("run", spec, "--state-dir", folder.Combine("state"));

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"typo\.yaml:3:3: model\.hiden_size: .*did you mean 'hidden_size'", run.Error.Split('\n')[0]);
        Assert.False(Directory.Exists(folder.Combine("state")), "a refused spec must not start a silo");
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task A_bare_hypersweep_shows_the_commands_and_their_examples()
    {
        var run = await CliRun.InvokeAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Commands:", run.Output, StringComparison.Ordinal);
        Assert.Contains("Examples:", run.Output, StringComparison.Ordinal);
    }

    /// <summary>No .NET stack frame ("   at X.Y(...)") or unhandled-exception banner on stdout or stderr.</summary>
    internal static void AssertNoStackTrace(CliRun run)
    {
        foreach (var text in new[] { run.Output, run.Error })
        {
            Assert.DoesNotMatch(StackFrame(), text);
            Assert.DoesNotContain("Unhandled exception", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("(Parameter '", text, StringComparison.Ordinal);
            Assert.DoesNotContain("System.Int32", text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\s+at \S+\(.*\)", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
