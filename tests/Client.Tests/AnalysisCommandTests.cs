using System.Text.Json;

namespace HyperSweep.Client.Tests;

/// <summary>importance, analyze gradients, analyze clusters and gc through the CLI, on sweeps that run here.</summary>
public sealed class AnalysisCommandTests
{
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Fact]
    public async Task Importance_ranks_the_parameters_the_objective_ignores_below_the_one_it_depends_on()
    {
        // The synthetic workload's loss depends on synthetic_floor alone when it is given: lr and hidden_size do nothing.
        using var folder = new TempFolder();
        var spec = folder.Write("synthetic.yaml", """
            name: importance-test
            task: {kind: classification, data: {source: agreement}}
            objective: {metric: val_loss, direction: minimize}
            strategy: {method: random, trials: 60, seed: 5}
            parameters:
              synthetic_floor: {min: 0.0, max: 1.0}
              lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
              hidden_size: {values: [16, 32, 64, 128]}
            pruner: none
            budget: {max_epochs: 2}
            concurrency: 4
            """);
        var state = folder.Combine("state");
        await using var silo = await SyntheticSilo(state);
        await RunToEnd(silo, spec);
        var chart = folder.Combine("importance.png");

        var run = await CliRun.InvokeAsync("importance", "importance-test", "--json", "-o", chart, "--state-dir", state);

        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonDocument.Parse(run.Output).RootElement;
        var ranking = report.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal("synthetic_floor", ranking[0].GetProperty("name").GetString());
        Assert.True(ranking[0].GetProperty("importance").GetDouble() > 0.8, run.Output);
        Assert.Equal(["hidden_size", "lr"], ranking.Skip(1).Select(r => r.GetProperty("name").GetString()).Order());
        Assert.Equal(60, report.GetProperty("trials").GetInt32());
        Assert.Equal(PngMagic, (await File.ReadAllBytesAsync(chart))[..4]);
    }

    [Fact]
    public async Task Gradient_norms_and_the_word_tree_of_small_language_models_are_drawn()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("lm.yaml", """
            name: lm-analysis
            task: {kind: language_model, data: {source: agreement, size: 200, dev_size: 40, max_distance: 4}}
            model: {arch: rnn, embedding_dim: 8, hidden_size: 16, batch_size: 8, bptt: 12}
            objective: {metric: val_perplexity, direction: minimize}
            strategy: {method: grid}
            parameters:
              cell: {values: [elman, lstm]}
            pruner: none
            budget: {max_epochs: 2}
            concurrency: 2
            keep: {best: 2}
            analysis: {gradient_norms: true}
            """);
        var state = folder.Combine("state");
        Assert.Equal(0, (await CliRun.InvokeAsync("run", spec, "--state-dir", state, "--json")).ExitCode);
        var gradientsPng = folder.Combine("grads.png");
        var treePng = folder.Combine("tree.png");

        var gradients = await CliRun.InvokeAsync("analyze", "gradients", "lm-analysis", "--trial", "0", "--trial", "1", "-o", gradientsPng, "--json", "--state-dir", state);
        var tree = await CliRun.InvokeAsync("analyze", "clusters", "lm-analysis", "--task", "agreement", "-o", treePng, "--json", "--state-dir", state);

        Assert.Equal(0, gradients.ExitCode);
        var trials = JsonDocument.Parse(gradients.Output).RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(["elman", "lstm"], trials.Select(t => t.GetProperty("cell").GetString()));
        foreach (var trial in trials)
        {
            Assert.Equal(2, trial.GetProperty("epoch").GetInt32());
            var norms = trial.GetProperty("layers")[0].EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(12, norms.Count); // one per step of the bptt window
            Assert.All(norms, n => Assert.True(n > 0 && double.IsFinite(n)));
        }

        Assert.Equal(0, tree.ExitCode);
        var words = JsonDocument.Parse(tree.Output).RootElement.GetProperty("words").EnumerateArray().ToList();
        Assert.Contains(words, w => w.GetProperty("group").GetString() == "verb, plural");
        Assert.Contains(words, w => w.GetProperty("group").GetString() == "noun, singular");
        Assert.Equal(PngMagic, (await File.ReadAllBytesAsync(gradientsPng))[..4]);
        Assert.Equal(PngMagic, (await File.ReadAllBytesAsync(treePng))[..4]);

        var none = await CliRun.InvokeAsync("analyze", "gradients", "lm-analysis", "--trial", "7", "--state-dir", state);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no trial 7", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gc_reports_what_it_would_delete_without_deleting_in_a_dry_run()
    {
        using var folder = new TempFolder();
        var state = folder.Combine("state");
        await using var silo = await SyntheticSilo(state);
        await RunToEnd(silo, folder.Write("spec.yaml", SweepSpecs.SmallGrid));
        var orphan = Path.Combine(state, "artifacts", "sweeps", "sw-gone", "0", "00.ckpt");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllTextAsync(orphan, "x");
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddDays(-2));

        var dryRun = await CliRun.InvokeAsync("gc", "--dry-run", "--json", "--state-dir", state);
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal(["sweeps/sw-gone/0/00.ckpt"], JsonDocument.Parse(dryRun.Output).RootElement.GetProperty("unreferenced").EnumerateArray().Select(e => e.GetString()));
        Assert.True(File.Exists(orphan));

        var gc = await CliRun.InvokeAsync("gc", "--state-dir", state);
        Assert.Equal(0, gc.ExitCode);
        Assert.False(File.Exists(orphan));
    }

    /// <summary>
    /// A dev silo with the synthetic workload, which the CLI's commands on <paramref name="state"/> reach through its
    /// gateway (a command's own short-lived silo would plan the sweep against the Engine's schema, which has no synthetic_*).
    /// </summary>
    private static Task<DevSilo> SyntheticSilo(string state) => DevSilo.StartAsync(
        new Silo.HyperSweepSiloOptions { Mode = Silo.SiloMode.Dev, StateDir = state, SiloPort = 0, GatewayPort = 0, Slots = 4, Workload = Silo.WorkloadKind.Synthetic },
        CancellationToken.None);

    /// <summary>Submits through the grains (the CLI's submit checks specs against the Engine's schema) and waits for the end.</summary>
    private static async Task RunToEnd(DevSilo silo, string spec)
    {
        var sweep = silo.Grains.GetGrain<Contracts.ISweepGrain>(Contracts.SweepIds.New());
        var submitted = await sweep.Submit(new Contracts.SweepSubmission(await File.ReadAllTextAsync(spec), Path.GetFileName(spec)));
        Assert.True(submitted.Accepted, string.Join("; ", submitted.Errors));
        Contracts.SweepStatus? status = null;
        await Poll.Until(async () => (status = await sweep.GetStatus()) is { IsFinal: true }, TimeSpan.FromSeconds(60), () => $"the sweep did not end: {status}");
    }
}
