using System.Text.Json;

namespace HyperSweep.Client.Tests;

public sealed class TrainCommandTests
{
    private static readonly string TinyTrial = Path.Combine(RepositoryPaths.Root, "examples", "trials", "agreement-lstm-tiny.yaml");

    /// <summary>A small agreement trial (classification, LSTM) whose epochs take well under a second.</summary>
    private static string Trial(int maxEpochs, string extra = "", string parameters = "") => $"""
        task:
          kind: classification
          data:
            source: agreement
            size: 200
            dev_size: 60
            max_attractors: 1
            max_distance: 5
        parameters:
          arch: rnn
          cell: lstm
          embedding_dim: 8
          hidden_size: 12
          lr: 0.01
        {parameters}
        seed: 7
        max_epochs: {maxEpochs}
        {extra}
        """;

    [Fact]
    public async Task Training_the_tiny_example_trial_prints_every_epoch_and_exits_0()
    {
        var run = await CliRun.InvokeAsync("train", TinyTrial);

        Assert.True(run.ExitCode == 0, run.Error);
        var epochLines = run.Output.Split('\n').Where(line => line.TrimStart().StartsWith("epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, epochLines.Count);
        Assert.All(epochLines, line => Assert.Contains("val_accuracy", line, StringComparison.Ordinal));
        Assert.Contains("completed after 3 epochs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_one_parseable_object_per_epoch_then_a_summary()
    {
        var run = await CliRun.InvokeAsync("train", TinyTrial, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var objects = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(4, objects.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("epoch", objects[i].GetProperty("kind").GetString());
            Assert.Equal(i + 1, objects[i].GetProperty("epoch").GetInt32());
            var accuracy = objects[i].GetProperty("val_accuracy").GetDouble();
            Assert.InRange(accuracy, 0, 1);
            Assert.True(objects[i].GetProperty("train_loss").GetDouble() > 0);
        }

        var summary = objects[3];
        Assert.Equal("summary", summary.GetProperty("kind").GetString());
        Assert.Equal("completed", summary.GetProperty("outcome").GetString());
        Assert.Equal(3, summary.GetProperty("epochs").GetInt32());
        var best = summary.GetProperty("best_value").GetDouble();
        Assert.Equal(objects.Take(3).Max(o => o.GetProperty("val_accuracy").GetDouble()), best);
    }

    [Fact]
    public async Task An_unknown_parameter_exits_2_naming_the_parameter_and_its_line()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.yaml", Trial(2, parameters: "  learning_rate: 0.1"));

        var run = await CliRun.InvokeAsync("train", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("parameters.learning_rate", run.Error, StringComparison.Ordinal);
        // learning_rate is on line 15 of the trial; its value starts at column 18.
        Assert.Contains($"{file}:15:18:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_bad_task_field_exits_2_naming_the_field()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad-task.yaml", Trial(2).Replace("size: 200", "size: lots", StringComparison.Ordinal));

        var run = await CliRun.InvokeAsync("train", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("task.data.size", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{file}:5:11:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_field_exits_2_naming_it()
    {
        using var folder = new TempFolder();
        var file = folder.Write("no-epochs.yaml", Trial(2).Replace("max_epochs: 2", string.Empty, StringComparison.Ordinal));

        var run = await CliRun.InvokeAsync("train", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("max_epochs: required field is missing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_yaml_exits_2_with_the_line_and_column()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.yaml", "task:\n  kind: classification\n   bad: x\nseed: 1\n");

        var run = await CliRun.InvokeAsync("train", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(file)}:3:\d+: \(yaml syntax\)", run.Error);
    }

    [Fact]
    public async Task An_unclosed_flow_list_exits_2_without_a_stack_trace()
    {
        using var folder = new TempFolder();
        var file = folder.Write("unclosed.yaml", "task:\n  kind: [classification\nseed: 1\n");

        var run = await CliRun.InvokeAsync("train", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(yaml syntax): the YAML cannot be read past this point", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_trial_file_exits_2()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "nowhere.yaml");

        var run = await CliRun.InvokeAsync("train", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
        Assert.Contains("not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_without_a_checkpoint_file_exits_2()
    {
        using var folder = new TempFolder();
        var file = folder.Write("trial.yaml", Trial(2, "checkpoint: run.ckpt"));

        var run = await CliRun.InvokeAsync("train", file, "--resume");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("run.ckpt", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_from_the_checkpoint_continues_with_the_metrics_of_an_uninterrupted_run()
    {
        using var folder = new TempFolder();
        var uninterrupted = await CliRun.InvokeAsync("train", folder.Write("full.yaml", Trial(3)), "--json");
        var firstPart = await CliRun.InvokeAsync("train", folder.Write("part.yaml", Trial(2, "checkpoint: part.ckpt")), "--json");
        Assert.True(File.Exists(Path.Combine(folder.Path, "part.ckpt")));
        var resumed = await CliRun.InvokeAsync("train", folder.Write("part.yaml", Trial(3, "checkpoint: part.ckpt")), "--json", "--resume");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var resumedEpochs = Epochs(resumed.Output);
        var expected = Epochs(uninterrupted.Output);
        Assert.Equal(2, Epochs(firstPart.Output).Count);
        Assert.Single(resumedEpochs);
        Assert.Equal(3, resumedEpochs[0].GetProperty("epoch").GetInt32());
        Assert.Equal(expected[2].GetProperty("val_loss").GetDouble(), resumedEpochs[0].GetProperty("val_loss").GetDouble());
        Assert.Equal(expected[2].GetProperty("train_loss").GetDouble(), resumedEpochs[0].GetProperty("train_loss").GetDouble());
    }

    private static List<JsonElement> Epochs(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(element => element.GetProperty("kind").GetString() == "epoch")
            .ToList();
}
