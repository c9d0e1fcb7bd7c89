using System.CommandLine;
using HyperSweep.Client.Cli;

namespace HyperSweep.Client.Tests;

/// <summary>
/// Golden tests of <c>--help</c> for EVERY command of the tree, found by walking it (a command another branch adds is
/// checked too): each has examples that start with its own command line, fits 120 columns, and matches its golden file
/// in tests/Client.Tests/Help (rewrite them with HYPERSWEEP_UPDATE_GOLDEN=1 after a deliberate change, and read the diff).
/// </summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var path in Walk(HyperSweepCli.CreateRoot(), []))
        {
            data.Add(string.Join(' ', path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_has_examples_fits_120_columns_and_matches_its_golden_file(string path)
    {
        var args = path.Length == 0 ? new[] { "--help" } : [.. path.Split(' '), "--help"];
        var run = await CliRun.InvokeAsync(args);
        // In a test the root command is named after the test host; on a terminal it is hypersweep.
        run = run with { Output = run.Output.Replace("  testhost", "  hypersweep", StringComparison.Ordinal) };

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var examples = run.Output[(run.Output.IndexOf("Examples:", StringComparison.Ordinal) + 1)..];
        Assert.True(run.Output.Contains("Examples:", StringComparison.Ordinal), $"hypersweep {path} --help has no Examples: section (CommandExamples.WithExamples)");
        Assert.Contains($"  hypersweep {path}".TrimEnd(), examples, StringComparison.Ordinal);
        foreach (var line in run.Output.Split('\n'))
        {
            Assert.True(line.TrimEnd('\r').Length <= ExamplesHelpAction.Width, $"hypersweep {path} --help: longer than {ExamplesHelpAction.Width} columns: {line}");
        }

        var golden = RepositoryPaths.Of("tests", "Client.Tests", "Help", (path.Length == 0 ? "hypersweep" : path.Replace(' ', '-')) + ".txt");
        if (Environment.GetEnvironmentVariable("HYPERSWEEP_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(golden, run.Output);
        }

        Assert.True(File.Exists(golden), $"no golden help for 'hypersweep {path}': run the tests once with HYPERSWEEP_UPDATE_GOLDEN=1 and review {golden}");
        Assert.Equal(await File.ReadAllTextAsync(golden), run.Output);
    }

    [Fact]
    public void An_option_name_has_the_same_aliases_in_every_command()
    {
        var seen = new Dictionary<string, (string Aliases, string Command)>(StringComparer.Ordinal);
        foreach (var path in Walk(HyperSweepCli.CreateRoot(), []))
        {
            var command = Find(HyperSweepCli.CreateRoot(), path);
            foreach (var option in command.Options)
            {
                var aliases = string.Join(",", option.Aliases.Order(StringComparer.Ordinal));
                if (seen.TryGetValue(option.Name, out var first))
                {
                    Assert.True(first.Aliases == aliases, $"{option.Name} is [{first.Aliases}] in '{first.Command}' but [{aliases}] in '{string.Join(' ', path)}'");
                }
                else
                {
                    seen[option.Name] = (aliases, string.Join(' ', path));
                }
            }
        }

        // One name for one idea: row counts are --top everywhere.
        Assert.DoesNotContain(seen.Keys, name => name is "-k" or "--rows" or "--limit" or "--count");
    }

    private static IEnumerable<string[]> Walk(Command command, string[] path)
    {
        yield return path;
        foreach (var child in command.Subcommands)
        {
            foreach (var below in Walk(child, [.. path, child.Name]))
            {
                yield return below;
            }
        }
    }

    private static Command Find(Command root, string[] path) =>
        path.Aggregate(root, (command, name) => command.Subcommands.Single(c => c.Name == name));
}
