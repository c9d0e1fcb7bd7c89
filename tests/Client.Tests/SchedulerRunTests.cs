using System.Text.Json;

namespace HyperSweep.Client.Tests;

/// <summary>
/// The ASHA quick start through the real CLI and the real Engine (examples/quickstart-asha.yaml): it finds the same best
/// value as the same grid without any pruning while training fewer epochs, and at least one trial was paused at a rung
/// and promoted — its <c>trial --json</c> attempts resume from the rung's epoch, not from scratch. Deterministic: the
/// example runs one trial at a time, so the order of reports (and every pause and promotion) is fixed, and the Engine's
/// curves are a function of the spec's seed. Its rungs sit at epochs 2 and 4: the RNNs that reach 100% are the ones
/// ahead of the DANs by epoch 2, so they are promoted twice and complete.
/// </summary>
public sealed class SchedulerRunTests : IDisposable
{
    private readonly TempFolder _directory = new("hs-asha-cli-");

    [Fact]
    public async Task The_asha_quickstart_promotes_a_paused_trial_and_spends_fewer_epochs_for_the_same_best_value()
    {
        var example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "quickstart-asha.yaml"));
        var scheduler = example.IndexOf("\nscheduler:", StringComparison.Ordinal) + 1;
        var budget = example.IndexOf("\nbudget:", StringComparison.Ordinal) + 1;
        var unpruned = example[..scheduler].Replace("name: quickstart-asha", "name: quickstart-unpruned", StringComparison.Ordinal)
            + "pruner: none\n" + example[budget..];

        var asha = await RunAsync(Path.Combine(RepositoryPaths.Root, "examples", "quickstart-asha.yaml"), "asha");
        var full = await RunAsync(_directory.Write("unpruned.yaml", unpruned), "unpruned");

        var ashaTrials = asha.Root.GetProperty("trials").EnumerateArray().ToList();
        var fullTrials = full.Root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(16, ashaTrials.Count);
        Assert.Equal(16 * 6, fullTrials.Sum(t => t.GetProperty("epochs_run").GetInt32()));
        Assert.True(ashaTrials.Sum(t => t.GetProperty("epochs_run").GetInt32()) < 16 * 6);
        Assert.Equal(full.Root.GetProperty("best").GetProperty("value").GetDouble(), asha.Root.GetProperty("best").GetProperty("value").GetDouble());
        Assert.Equal("completed", asha.Root.GetProperty("state").GetString());
        Assert.Equal(0, asha.Root.GetProperty("paused").GetInt32());
        Assert.Equal("ASHA", asha.Root.GetProperty("scheduler").GetProperty("name").GetString());

        var promoted = ashaTrials.First(t => t.GetProperty("promotions").GetInt32() > 0 && t.GetProperty("attempts").GetInt32() > 1).GetProperty("number").GetInt32();
        var trial = await CliRun.InvokeAsync("trial", asha.Id, promoted.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", "--state-dir", asha.State);
        Assert.Equal(0, trial.ExitCode);
        using var detail = JsonDocument.Parse(trial.Output);
        var resumedFrom = detail.RootElement.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("resumed_from_epoch").GetInt32()).ToList();
        Assert.Equal(0, resumedFrom[0]);
        Assert.Contains(resumedFrom.Skip(1), e => e is 2 or 4); // a rung's epoch
        Assert.DoesNotContain(0, resumedFrom.Skip(1));
        var epochs = detail.RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32());
        Assert.Equal(Enumerable.Range(1, detail.RootElement.GetProperty("trial").GetProperty("epochs_run").GetInt32()), epochs);

        // The plain views say the same: the scheduler's rungs in status, rung and promotions per trial, the resumes.
        var status = await CliRun.InvokeAsync("status", asha.Id, "--state-dir", asha.State);
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("scheduler: ASHA (min_resource 2, reduction_factor 2, max_resource 6)", status.Output, StringComparison.Ordinal);
        Assert.Contains("rung 0 @2: 16 recorded", status.Output, StringComparison.Ordinal);
        var table = await CliRun.InvokeAsync("trials", asha.Id, "--state-dir", asha.State);
        Assert.Contains("promoted 2x", table.Output, StringComparison.Ordinal);
        var text = await CliRun.InvokeAsync("trial", asha.Id, promoted.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state-dir", asha.State);
        Assert.Contains("resumed after epoch 2", text.Output, StringComparison.Ordinal);
        // A table cuts long reasons at its width; `trial` shows a stranded trial's reason whole.
        var stranded = ashaTrials.First(t => t.GetProperty("reason").GetString()?.Contains("not promoted from rung 0", StringComparison.Ordinal) == true);
        var strandedText = await CliRun.InvokeAsync("trial", asha.Id, stranded.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), "--state-dir", asha.State);
        Assert.Contains("not promoted from rung 0", strandedText.Output, StringComparison.Ordinal);
    }

    private async Task<(string Id, string State, JsonElement Root)> RunAsync(string spec, string name)
    {
        var state = _directory.Combine(name + "-state");
        using var run = CliProcess.Start("run", spec, "--state-dir", state, "--slots", "1", "--json");
        var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(10));
        Assert.True(exit == 0, run.Output);
        var root = JsonDocument.Parse(string.Join('\n', run.Stdout)).RootElement.Clone();
        return (root.GetProperty("sweep_id").GetString()!, state, root);
    }

    public void Dispose() => _directory.Dispose();
}
