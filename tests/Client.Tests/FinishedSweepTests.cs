using System.Text.Json;

namespace HyperSweep.Client.Tests;

/// <summary>
/// What a newcomer meets on a sweep that already ended (the shared dev silo's finished sweep): control commands say it
/// ended and exit 5, <c>run --resume</c> says it is completed instead of "running; Ctrl-C pauses it", <c>watch</c> does
/// not replay its old events, and the mistakes that need a sweep get one line and exit 2.
/// </summary>
[Collection(DevSiloCollection.Name)]
public sealed class FinishedSweepTests(DevSiloFixture fixture)
{
    [Theory]
    [InlineData("cancel")]
    [InlineData("pause")]
    [InlineData("resume")]
    public async Task Control_of_an_ended_sweep_says_so_and_exits_5(string command)
    {
        var run = await fixture.Cli(command, fixture.SweepId);

        Assert.Equal(ExitCodes.AlreadyFinished, run.ExitCode);
        Assert.Equal($"hypersweep {command}: sweep {fixture.SweepId} already completed; there is nothing to {command}", run.Error.Split('\n')[0]);
        Assert.Contains("completed", (await fixture.Cli("status", fixture.SweepId, "-q")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_resume_of_a_completed_sweep_by_name_says_it_is_completed()
    {
        var run = await fixture.Cli("run", "--resume", "cli-fixture");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"sweep {fixture.SweepId} already completed; nothing to resume", run.Error.Split('\n')[0]);
        Assert.DoesNotContain("Ctrl-C", run.Error, StringComparison.Ordinal);
        Assert.Contains("rank", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_of_an_ended_sweep_replays_no_events()
    {
        var run = await fixture.Cli("watch", fixture.SweepId, "--interval", "0.1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith($"sweep {fixture.SweepId} already completed at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\[\d\d:\d\d:\d\d\] trial", run.Output);
        Assert.Contains("rank", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tables_show_shared_settings_once_and_no_dev_silo_address()
    {
        var trials = await fixture.Cli("trials", fixture.SweepId);

        Assert.Contains("same in every trial: embedding_dim=8", trials.Output, StringComparison.Ordinal);
        var rows = trials.Output.Split('\n').Skip(3).Where(l => l.Length > 0).ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain("embedding_dim", r, StringComparison.Ordinal));
        Assert.DoesNotContain("127.0.0.1", trials.Output, StringComparison.Ordinal);
        Assert.All(trials.Output.Split('\n'), l => Assert.True(l.Length <= 120, l));
    }

    [Fact]
    public async Task Trial_shows_its_seed_in_text_and_json()
    {
        Assert.Contains("seed: 3 ", (await fixture.Cli("trial", fixture.SweepId, "0")).Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse((await fixture.Cli("trial", fixture.SweepId, "0", "--json")).Output);
        Assert.Equal(3, json.RootElement.GetProperty("seed").GetInt64());
    }

    public static TheoryData<string[], string> Mistakes() => new()
    {
        { ["trial", "{id}", "99"], "hypersweep trial: sweep {id} has no trial 99; its trials are 0..5" },
        { ["export", "{id}", "-o", "/proc/nope/out.csv"], "hypersweep export: cannot write /proc/nope/out.csv: the folder /proc/nope does not exist" },
        { ["plot", "{id}", "-o", "/proc/nope/x.png"], "hypersweep plot: cannot write /proc/nope/x.png: the folder /proc/nope does not exist" },
        { ["importance", "{id}", "-o", "/proc/nope/x.png"], "hypersweep importance: cannot write /proc/nope/x.png: the folder /proc/nope does not exist" },
        { ["replay", "{id}", "--pruner", "percentile"], "hypersweep replay: 'percentile' is required" },
        { ["replay", "{id}", "--pruner", "percentile", "--set", "percentile=200"], "hypersweep replay: percentile must be in [0, 100]" },
        { ["replay", "{id}", "--pruner", "mediam"], "hypersweep replay: unknown pruner 'mediam'" },
        { ["top", "cli-fixtrue"], "hypersweep top: no sweep 'cli-fixtrue'; did you mean" },
        { ["trial", "{id}", "0", "-o", "x.yaml"], "hypersweep trial: --output goes with --as-trial-file" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_about_a_sweep_gets_one_line_and_exit_2(string[] args, string firstLine)
    {
        var run = await fixture.Cli([.. args.Select(a => a.Replace("{id}", fixture.SweepId, StringComparison.Ordinal))]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(firstLine.Replace("{id}", fixture.SweepId, StringComparison.Ordinal), run.Error.Split('\n')[0], StringComparison.Ordinal);
        NewcomerMistakeTests.AssertNoStackTrace(run);
    }
}
