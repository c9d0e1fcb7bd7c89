using System.Text.Json;
using HyperSweep.Client.Train;

namespace HyperSweep.Client.Tests;

/// <summary>
/// One YAML vocabulary: a trial file is a spec with fixed model: values; the old form still reads with a note; and
/// <c>trial --as-trial-file</c> + <c>train</c> reproduce a sweep's trial exactly, epoch by epoch (real engine training
/// on the built-in agreement task: no data files).
/// </summary>
public sealed class TrialFileTests
{
    [Fact]
    public void A_trial_file_in_the_spec_vocabulary_reads_into_the_request_a_sweep_would_build()
    {
        var file = TrialFileParser.Parse("""
            task: {kind: classification, data: {source: agreement, size: 100}}
            model: {arch: rnn, cell: gru, hidden_size: 12, lr: 0.0013115291602444116}
            objective: {metric: val_loss}
            strategy: {seed: 42}
            budget: {max_epochs: 2, early_stopping: {patience: 1, min_delta: 0.01}}
            checkpoint: runs/x.ckpt
            """, "t.yaml", "/tmp/base");

        Assert.Null(file.Note);
        Assert.Equal(42, file.Request.Seed);
        Assert.Equal(2, file.Request.MaxEpochs);
        Assert.Equal(0.0013115291602444116, file.Request.Parameters["lr"]);
        Assert.Equal(12L, file.Request.Parameters["hidden_size"]);
        Assert.Equal("val_loss", file.Request.Objective!.Metric);
        Assert.Equal(1, file.Request.EarlyStopping!.Patience);
        Assert.Equal("/tmp/base/runs/x.ckpt", file.CheckpointPath);
    }

    [Fact]
    public void An_old_form_trial_file_still_reads_with_a_one_line_note()
    {
        var file = TrialFileParser.Parse("""
            task: {kind: classification, data: {source: agreement, size: 100}}
            parameters: {arch: dan, lr: 0.01}
            seed: 7
            max_epochs: 2
            """, "old.yaml", "/tmp");

        Assert.Equal(7, file.Request.Seed);
        Assert.Equal("0.01", file.Request.Parameters["lr"]);
        Assert.StartsWith("old.yaml uses the old trial-file form", file.Note, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', file.Note!);
    }

    [Theory]
    [InlineData("model: {hiden_size: 8}\n", "t.yaml:1:9: model.hiden_size: ", "did you mean 'hidden_size'")]
    [InlineData("parameters:\n  lr: [0.1, 0.01]\n", "t.yaml:1:1: parameters: a trial file runs one configuration", "")]
    [InlineData("budget: {max_epochs: 0}\n", "t.yaml:1:22: budget.max_epochs", "")]
    public void A_bad_trial_file_is_refused_at_its_line(string yaml, string start, string hint)
    {
        var error = Assert.Throws<TrialFileException>(() => TrialFileParser.Parse(yaml, "t.yaml", "/tmp"));

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lr", 0.0013115291602444116)]
    [InlineData("lr", 20.0)]
    [InlineData("lr", 1e-05)]
    [InlineData("hidden_size", 32L)]
    [InlineData("bidirectional", true)]
    [InlineData("optimizer", "adam")]
    [InlineData("pretrained", "true")]
    [InlineData("pretrained", "1e3")]
    [InlineData("pretrained", "a: b # c")]
    public void Written_values_read_back_as_the_same_values_and_types(string name, object value)
    {
        var file = TrialFileParser.Parse(
            $"task: {{kind: classification, data: {{source: agreement}}}}\nmodel:\n  arch: rnn\n  {name}: {TrialFileWriter.Scalar(value)}\n", "t.yaml", "/tmp");

        Assert.Equal(value, file.Request.Parameters[name]);
        Assert.Equal(value.GetType(), file.Request.Parameters[name]!.GetType());
    }

    [Fact]
    public async Task As_trial_file_then_train_reproduces_the_trials_metrics_every_epoch()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("tiny.yaml", """
            name: tiny
            task: {kind: classification, data: {source: agreement, size: 200, dev_size: 50, max_attractors: 1}}
            model: {embedding_dim: 8, batch_size: 16, optimizer: adam, dropout: 0.1}
            objective: {metric: val_accuracy, direction: maximize}
            strategy: {method: grid, seed: 5}
            parameters:
              arch: [dan, rnn]
              cell: {values: [lstm], when: {arch: rnn}}
              lr: {values: [0.0031]}
            pruner: nop
            budget: {max_epochs: 3}
            concurrency: 1
            """);
        var state = folder.Combine("state");
        var run = await CliRun.InvokeAsync("run", spec, "--state-dir", state, "--slots", "1", "--quiet", "--connect-timeout", "120");
        Assert.True(run.ExitCode == 0, run.Error);

        var trialFile = folder.Combine("t1.yaml");
        var export = await CliRun.InvokeAsync("trial", "tiny", "1", "--as-trial-file", "-o", trialFile, "--state-dir", state);
        Assert.True(export.ExitCode == 0, export.Error);
        using var recorded = JsonDocument.Parse((await CliRun.InvokeAsync("trial", "tiny", "1", "--json", "--state-dir", state)).Output);
        var train = await CliRun.InvokeAsync("train", trialFile, "--json");

        Assert.Equal(0, train.ExitCode);
        Assert.Equal("", train.Error);
        var trained = train.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("kind").GetString() == "epoch").ToList();
        var epochs = recorded.RootElement.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(3, epochs.Count);
        Assert.Equal(epochs.Count, trained.Count);
        for (var i = 0; i < epochs.Count; i++)
        {
            foreach (var metric in epochs[i].EnumerateObject().Where(p => p.Name != "epoch"))
            {
                Assert.Equal(metric.Value.GetDouble(), trained[i].GetProperty(metric.Name).GetDouble());
            }
        }
    }
}
