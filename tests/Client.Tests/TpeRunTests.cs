using System.Text.Json;

namespace HyperSweep.Client.Tests;

/// <summary>hypersweep run of TPE specs with real training, two trials at once: the sweep completes with every trial.</summary>
public sealed class TpeRunTests
{
    private const string Agreement = """
        name: tpe-agreement
        task:
          kind: classification
          data: {source: agreement, size: 400, dev_size: 100, max_attractors: 1, seed: 7}
        model: {embedding_dim: 16, batch_size: 32, arch: rnn, cell: gru}
        strategy: {method: tpe, trials: 6, seed: 3, n_startup_trials: 2, constant_liar: true}
        parameters:
          hidden_size: {values: [16, 32]}
          lr: {min: 0.001, max: 0.03, distribution: log_uniform}
        pruner: none
        budget: {max_epochs: 2}
        concurrency: 2
        """;

    private const string Sst2 = """
        name: tpe-sst2
        task:
          kind: classification
          data: {source: files, format: tsv, train: DATA/sst2/train.tsv, dev: DATA/sst2/dev.tsv, lowercase: true, min_count: 2, max_vocab: 20000}
        model: {arch: dan, optimizer: adam, batch_size: 256, hidden_layers: 1, embedding_dim: 32}
        strategy: {method: tpe, trials: 3, seed: 5, n_startup_trials: 2, constant_liar: true}
        parameters:
          hidden_size: {values: [32, 64]}
          lr: {min: 0.001, max: 0.01, distribution: log_uniform}
        pruner: none
        budget: {max_epochs: 1}
        concurrency: 2
        """;

    [Fact]
    public Task A_tpe_sweep_on_the_agreement_task_completes_with_two_trials_at_once() => RunAsync(Agreement, expectedTrials: 6);

    [DataFact(DataSets.Sst2)]
    public Task A_tpe_sweep_on_sst2_completes_with_two_trials_at_once() => RunAsync(Sst2.Replace("DATA", DataSets.Root, StringComparison.Ordinal), expectedTrials: 3);

    private static async Task RunAsync(string spec, int expectedTrials)
    {
        using var folder = new TempFolder();
        var file = folder.Write("tpe.yaml", spec);

        var run = await CliRun.InvokeAsync("run", file, "--state-dir", folder.Combine("state"), "--slots", "2", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("completed", json.RootElement.GetProperty("state").GetString());
        var trials = json.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(expectedTrials, trials.Count);
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("state").GetString()));
    }
}
