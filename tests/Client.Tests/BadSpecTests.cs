using System.Text.RegularExpressions;

namespace HyperSweep.Client.Tests;

/// <summary>
/// The Search bad-spec corpus (tests/Search.Tests/BadSpecs, each file's "# expect:" line names the problem) through
/// validate, submit and run: exit 2, the expected message located as file:line:column, no stack trace, and no
/// connection or silo needed (the spec is checked before anything starts).
/// </summary>
public sealed partial class BadSpecTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "Search.Tests", "BadSpecs"), "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var command in new[] { "validate", "submit", "run" })
            {
                data.Add(command, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_spec_exits_2_with_its_located_message_and_no_stack_trace(string command, string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Search.Tests", "BadSpecs", name);
        // Two YAML-syntax cases carry no "# expect:" line; for them the location and exit code are the check.
        var expect = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("# expect:", StringComparison.Ordinal))?["# expect:".Length..].Trim() ?? ": ";
        using var state = new TempFolder();

        var run = command == "validate"
            ? await CliRun.InvokeAsync(command, path)
            : await CliRun.InvokeAsync(command, path, "--state-dir", state.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expect, run.Error, StringComparison.Ordinal);
        Assert.Matches(Location(), run.Error);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(state.Path, "state.db")), "a rejected spec must not start a silo");
    }

    [Fact]
    public async Task Validate_prints_the_trial_plan_and_epoch_budget()
    {
        var spec = Path.Combine(RepositoryPaths.Root, "examples", "quickstart.yaml");
        var plain = await CliRun.InvokeAsync("validate", spec);
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("grid, 16 trials", plain.Output, StringComparison.Ordinal);
        Assert.Contains("at most 96 epochs", plain.Output, StringComparison.Ordinal);
        Assert.Contains("cell: choice [elman, lstm, gru] (3 values) when arch in [rnn]", plain.Output, StringComparison.Ordinal);

        var json = await CliRun.InvokeAsync("validate", spec, "--json");
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        Assert.Equal(16, document.RootElement.GetProperty("trials").GetInt32());
        Assert.Equal(96, document.RootElement.GetProperty("epoch_budget").GetInt64());
        Assert.Equal(4, document.RootElement.GetProperty("parameters").GetArrayLength());
    }

    [Fact]
    public async Task A_missing_spec_file_exits_2()
    {
        var run = await CliRun.InvokeAsync("validate", "/nonexistent/spec.yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("spec file not found", run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\.yaml:\d+:\d+: ")]
    private static partial Regex Location();
}
