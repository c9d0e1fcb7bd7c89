using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HyperSweep.Client.Tests;

/// <summary>The read commands against the shared dev silo's finished sweep: table and --json content, exit codes.</summary>
[Collection(DevSiloCollection.Name)]
public sealed class QueryCommandTests(DevSiloFixture fixture)
{
    [Fact]
    public void Watch_on_redirected_output_prints_plain_event_lines_and_the_leaderboard()
    {
        Assert.Equal(0, fixture.Watch.ExitCode);
        // Trials that ended before the watch's first look are its baseline, not replayed (how many depends on the
        // machine's speed); every trial the watch saw running is reported when it ends, in the form scripts parse.
        var seenRunning = Regex.Matches(fixture.Watch.Output, @"trial (\d+) (started|epoch)").Select(m => m.Groups[1].Value).Distinct();
        foreach (var number in seenRunning)
        {
            Assert.Matches($@"trial {number} (completed|pruned) after \d+ epochs, best ", fixture.Watch.Output);
        }

        Assert.Contains("6/6 done", fixture.Watch.Output, StringComparison.Ordinal);
        Assert.Contains("rank", fixture.Watch.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', fixture.Watch.Output);
    }

    [Fact]
    public async Task Ls_lists_the_sweep_in_a_table_and_as_json()
    {
        var table = await fixture.Cli("ls");
        Assert.Equal(0, table.ExitCode);
        var row = Assert.Single(table.Output.Split('\n'), l => l.StartsWith(fixture.SweepId, StringComparison.Ordinal));
        Assert.Contains("cli-fixture", row, StringComparison.Ordinal);
        Assert.Contains("completed", row, StringComparison.Ordinal);
        Assert.Contains("6/6", row, StringComparison.Ordinal);

        var json = await fixture.Cli("ls", "--json");
        using var document = JsonDocument.Parse(json.Output);
        var sweep = Assert.Single(document.RootElement.EnumerateArray(), e => e.GetProperty("sweep_id").GetString() == fixture.SweepId);
        Assert.Equal("completed", sweep.GetProperty("state").GetString());
        Assert.Equal(6, sweep.GetProperty("planned").GetInt32());
        Assert.Equal(6, sweep.GetProperty("finished").GetInt32());
        Assert.Equal("val_accuracy", sweep.GetProperty("objective").GetProperty("metric").GetString());
    }

    [Fact]
    public async Task Status_prints_progress_counts_and_best_and_json_counts_add_up()
    {
        var plain = await fixture.Cli("status", fixture.SweepId);
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("completed", plain.Output, StringComparison.Ordinal);
        Assert.Contains("[####################] 100%", plain.Output, StringComparison.Ordinal);
        Assert.Contains("best val_accuracy=", plain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', plain.Output);

        using var json = JsonDocument.Parse((await fixture.Cli("status", fixture.SweepId, "--json")).Output);
        var root = json.RootElement;
        var parts = new[] { "completed", "pruned", "failed", "cancelled" }.Sum(p => root.GetProperty(p).GetInt32());
        Assert.Equal(root.GetProperty("finished").GetInt32(), parts);
        Assert.Equal(0, root.GetProperty("running_trials").GetArrayLength());
    }

    [Fact]
    public async Task A_sweep_can_be_named_by_its_name_and_quiet_status_prints_only_the_state()
    {
        var run = await fixture.Cli("status", "cli-fixture", "--quiet");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("completed", run.Output.Trim());
    }

    [Fact]
    public async Task Top_is_the_k_best_trials_of_trials_json_in_order()
    {
        var all = await TrialsAsync();
        using var top = JsonDocument.Parse((await fixture.Cli("top", fixture.SweepId, "-k", "3", "--json")).Output);
        var ranked = top.RootElement.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("best_value").GetDouble()).ToList();
        var expected = all.Select(t => t.BestValue).OfType<double>().OrderDescending().Take(3).ToList();
        Assert.Equal(expected, ranked);

        var table = await fixture.Cli("top", fixture.SweepId, "-k", "2");
        Assert.Equal(0, table.ExitCode);
        var rows = table.Output.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\s+\d+\s+(completed|pruned)\s")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("   1  ", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trials_lists_every_trial_in_a_table_and_as_json()
    {
        var all = await TrialsAsync();
        Assert.Equal(6, all.Count);
        Assert.All(all, t => Assert.Contains(t.State, new[] { "completed", "pruned" }));
        var table = await fixture.Cli("trials", fixture.SweepId);
        Assert.Equal(0, table.ExitCode);
        foreach (var t in all)
        {
            Assert.Contains(table.Output.Split('\n'), l => l.StartsWith(t.Number.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal) && l.Contains(t.State, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Trial_shows_parameters_reason_silo_and_one_row_per_epoch()
    {
        var trials = await TrialsAsync();
        var pruned = trials.FirstOrDefault(t => t.State == "pruned") ?? trials[0];
        var plain = await fixture.Cli("trial", fixture.SweepId, pruned.Number.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, plain.ExitCode);
        if (pruned.State == "pruned")
        {
            Assert.Contains("reason: pruned at epoch", plain.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"parameters: .*hidden_size=\d+ .*lr=0\.0", plain.Output);
        Assert.Contains("attempt 1: silo ", plain.Output, StringComparison.Ordinal);

        using var json = JsonDocument.Parse((await fixture.Cli("trial", fixture.SweepId, pruned.Number.ToString(CultureInfo.InvariantCulture), "--json")).Output);
        var epochs = json.RootElement.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(pruned.EpochsRun, epochs.Count);
        Assert.Equal(Enumerable.Range(1, pruned.EpochsRun), epochs.Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.Equal(pruned.BestValue, epochs.Max(e => e.GetProperty("val_accuracy").GetDouble()));
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("attempts")[0].GetProperty("silo").GetString()));
    }

    [Fact]
    public async Task Unknown_trial_and_unknown_sweep_exit_2_with_a_suggestion()
    {
        var trial = await fixture.Cli("trial", fixture.SweepId, "99");
        Assert.Equal(2, trial.ExitCode);
        Assert.Contains("no trial 99", trial.Error, StringComparison.Ordinal);

        var typo = fixture.SweepId[..^1] + (fixture.SweepId[^1] == '0' ? '1' : '0');
        var sweep = await fixture.Cli("status", typo);
        Assert.Equal(2, sweep.ExitCode);
        Assert.Contains($"no sweep '{typo}'", sweep.Error, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{fixture.SweepId}'", sweep.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", sweep.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_csv_and_json_round_trip_to_the_numbers_of_trials_json()
    {
        var all = await TrialsAsync();
        var csv = await fixture.Cli("export", fixture.SweepId, "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Output.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(all.Count, lines.Length - 1);
        foreach (var (trial, line) in all.Zip(lines.Skip(1)))
        {
            var cells = line.Split(',');
            Assert.Equal(trial.Number, int.Parse(cells[Array.IndexOf(header, "trial")], CultureInfo.InvariantCulture));
            Assert.Equal(trial.State, cells[Array.IndexOf(header, "state")]);
            Assert.Equal(trial.BestValue, double.Parse(cells[Array.IndexOf(header, "best_value")], CultureInfo.InvariantCulture));
            Assert.Equal(trial.EpochsRun, int.Parse(cells[Array.IndexOf(header, "epochs_run")], CultureInfo.InvariantCulture));
            Assert.Equal(trial.Lr, double.Parse(cells[Array.IndexOf(header, "lr")], CultureInfo.InvariantCulture));
        }

        var file = Path.Combine(Path.GetTempPath(), "hypersweep-export-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var export = await fixture.Cli("export", fixture.SweepId, "--format", "json", "-o", file);
            Assert.Equal(0, export.ExitCode);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var rows = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(all.Select(t => (t.Number, t.BestValue, t.Lr)), rows.Select(r => (r.GetProperty("trial").GetInt32(), (double?)r.GetProperty("best_value").GetDouble(), r.GetProperty("lr").GetDouble())));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Export_per_epoch_has_one_row_per_recorded_epoch()
    {
        var all = await TrialsAsync();
        var run = await fixture.Cli("export", fixture.SweepId, "--per-epoch", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(all.Sum(t => t.EpochsRun), rows.Count);
        foreach (var trial in all)
        {
            var best = rows.Where(r => r.GetProperty("trial").GetInt32() == trial.Number).Max(r => r.GetProperty("val_accuracy").GetDouble());
            Assert.Equal(trial.BestValue, best);
        }
    }

    [Fact]
    public async Task Replay_counts_the_recorded_epochs_and_rejects_an_unknown_pruner_with_a_suggestion()
    {
        var all = await TrialsAsync();
        var run = await fixture.Cli("replay", fixture.SweepId, "--pruner", "nop", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(all.Sum(t => t.EpochsRun), json.RootElement.GetProperty("epochs_without_pruning").GetInt64());
        Assert.Equal(all.Sum(t => t.EpochsRun), json.RootElement.GetProperty("epochs_consumed").GetInt64());
        Assert.True(json.RootElement.GetProperty("kept_best").GetBoolean());

        var median = await fixture.Cli("replay", fixture.SweepId, "--pruner", "median", "--set", "n_startup_trials=1");
        Assert.Equal(0, median.ExitCode);
        Assert.Contains("MedianPruner", median.Output, StringComparison.Ordinal);

        var typo = await fixture.Cli("replay", fixture.SweepId, "--pruner", "medain");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("did you mean 'median'", typo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_with_samplers_treats_the_completed_trials_as_a_table()
    {
        var completed = (await TrialsAsync()).Where(t => t.State == "completed" && t.BestValue is not null).ToList();
        var run = await fixture.Cli("replay", fixture.SweepId, "--sampler", "tpe", "--sampler", "random", "--seeds", "3", "--budget", "12", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(completed.Count, json.RootElement.GetProperty("configurations").GetInt32());
        Assert.Equal(completed.Max(t => t.BestValue!.Value), json.RootElement.GetProperty("table_best").GetDouble());
        Assert.Equal(2, json.RootElement.GetProperty("samplers").GetArrayLength());
    }

    private async Task<List<TrialRow>> TrialsAsync()
    {
        var run = await fixture.Cli("trials", fixture.SweepId, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("trials").EnumerateArray().Select(t => new TrialRow(
            t.GetProperty("number").GetInt32(),
            t.GetProperty("state").GetString()!,
            t.GetProperty("epochs_run").GetInt32(),
            t.GetProperty("best_value").ValueKind == JsonValueKind.Null ? null : t.GetProperty("best_value").GetDouble(),
            t.GetProperty("params").GetProperty("lr").GetDouble())).ToList();
    }

    private sealed record TrialRow(int Number, string State, int EpochsRun, double? BestValue, double Lr);
}
