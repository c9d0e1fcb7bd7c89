using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Client.Tests;

/// <summary>
/// After the quickstart sweep (real training, dev mode): its best model is kept, exported as one file, scored again on
/// its dev data with exactly the value the sweep recorded, used for predictions, and refused once corrupted.
/// </summary>
public sealed class QuickstartModelTests : IClassFixture<QuickstartModelTests.Sweep>
{
    private readonly Sweep _sweep;

    public QuickstartModelTests(Sweep sweep) => _sweep = sweep;

    [Fact]
    public async Task The_exported_best_model_scores_its_dev_split_exactly_as_the_sweep_recorded()
    {
        var top = JsonDocument.Parse((await _sweep.Cli("top", "quickstart", "-k", "1", "--json")).Output).RootElement.GetProperty("trials")[0];
        var recorded = top.GetProperty("best_value").GetDouble();
        Assert.True(top.GetProperty("kept").GetBoolean());

        var eval = await CliRun.InvokeAsync("eval", _sweep.ModelFile, "--split", "dev", "--json");

        Assert.Equal(0, eval.ExitCode);
        var result = JsonDocument.Parse(eval.Output).RootElement;
        var accuracy = result.GetProperty("metrics").GetProperty("accuracy").GetDouble();
        var loss = result.GetProperty("metrics").GetProperty("loss").GetDouble();
        Assert.Equal(BitConverter.DoubleToInt64Bits(recorded), BitConverter.DoubleToInt64Bits(accuracy));
        Assert.Equal(
            BitConverter.DoubleToInt64Bits(result.GetProperty("recorded").GetProperty("val_loss").GetDouble()),
            BitConverter.DoubleToInt64Bits(loss));
        Assert.Equal(top.GetProperty("number").GetInt32(), result.GetProperty("model").GetProperty("trial").GetInt32());
        Assert.Equal(top.GetProperty("best_epoch").GetInt32(), result.GetProperty("model").GetProperty("best_epoch").GetInt32());
        Assert.NotEmpty(result.GetProperty("by_attractors").EnumerateArray());
    }

    [Fact]
    public async Task The_dev_data_as_a_file_in_the_task_format_gives_the_same_exact_value()
    {
        using var folder = new TempFolder();
        var dev = folder.Write("dev.tsv", DevSplitAsTsv());

        var fromFile = JsonDocument.Parse((await CliRun.InvokeAsync("eval", _sweep.ModelFile, "--data", dev, "--json")).Output).RootElement;
        var fromSplit = JsonDocument.Parse((await CliRun.InvokeAsync("eval", _sweep.ModelFile, "--split", "dev", "--json")).Output).RootElement;

        foreach (var metric in new[] { "accuracy", "loss" })
        {
            Assert.Equal(
                BitConverter.DoubleToInt64Bits(fromSplit.GetProperty("metrics").GetProperty(metric).GetDouble()),
                BitConverter.DoubleToInt64Bits(fromFile.GetProperty("metrics").GetProperty(metric).GetDouble()));
        }
    }

    [Fact]
    public async Task Eval_and_predict_also_take_the_sweep_and_a_kept_trial()
    {
        var bySweep = await _sweep.Cli("eval", "quickstart", "--split", "dev", "-q");
        var byFile = await CliRun.InvokeAsync("eval", _sweep.ModelFile, "--split", "dev", "-q");

        Assert.Equal(0, bySweep.ExitCode);
        Assert.Equal(byFile.Output, bySweep.Output);
        var notKept = await _sweep.Cli("predict", "quickstart", "--trial", "0", "the keys");
        Assert.Equal(2, notKept.ExitCode);
        Assert.Contains("were not kept", notKept.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_answers_with_class_probabilities()
    {
        var run = await CliRun.InvokeAsync("predict", _sweep.ModelFile, "the keys next to the book", "the key near the tables", "--json");

        Assert.Equal(0, run.ExitCode);
        var predictions = JsonDocument.Parse(run.Output).RootElement.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(2, predictions.Count);
        foreach (var prediction in predictions)
        {
            var classes = prediction.GetProperty("classes").EnumerateArray().ToList();
            Assert.Equal(["plural", "singular"], classes.Select(c => c.GetProperty("label").GetString()).Order());
            Assert.Equal(1.0, classes.Sum(c => c.GetProperty("probability").GetDouble()), 9);
        }

        // The best quickstart model has learnt agreement (dev accuracy 1): the subject's number decides.
        Assert.Equal("plural", predictions[0].GetProperty("classes")[0].GetProperty("label").GetString());
        Assert.Equal("singular", predictions[1].GetProperty("classes")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_corrupted_model_file_is_refused_with_a_clear_message_and_exit_2()
    {
        using var folder = new TempFolder();
        var bytes = await File.ReadAllBytesAsync(_sweep.ModelFile);
        bytes[bytes.Length / 2] ^= 0x40;
        var corrupt = folder.Combine("corrupt.hsm");
        await File.WriteAllBytesAsync(corrupt, bytes);
        var truncated = folder.Combine("truncated.hsm");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 3)]);
        var foreign = folder.Write("foreign.hsm", "not a model");

        foreach (var (file, message) in new[] { (corrupt, "is corrupt"), (truncated, "is corrupt"), (foreign, "not a HyperSweep model file") })
        {
            foreach (var command in new[] { new[] { "eval", file, "--split", "dev" }, ["predict", file, "the keys"], ["analyze", "clusters", file, "--task", "agreement", "-o", folder.Combine("t.png")] })
            {
                var run = await CliRun.InvokeAsync(command);
                Assert.Equal(2, run.ExitCode);
                Assert.Contains(message, run.Error, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Writing_into_a_folder_that_does_not_exist_is_one_line_naming_it_and_exit_2()
    {
        foreach (var (command, target) in new[]
        {
            (new[] { "model", "export", "quickstart", "-o", "/proc/nope/m.hsm" }, "/proc/nope/m.hsm"),
            (["analyze", "clusters", _sweep.ModelFile, "--task", "agreement", "-o", "/proc/nope/t.png"], "/proc/nope/t.png"),
        })
        {
            var run = await _sweep.Cli(command);

            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith($"hypersweep {command[0]} {(command[0] == "model" ? "export" : "clusters")}: cannot write {target}: the folder /proc/nope does not exist", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Model_ls_lists_the_kept_model_with_its_file()
    {
        var models = JsonDocument.Parse((await _sweep.Cli("model", "ls", "quickstart", "--json")).Output).RootElement.GetProperty("models");

        var model = Assert.Single(models.EnumerateArray());
        Assert.Equal(1, model.GetProperty("rank").GetInt32());
        Assert.Equal(new FileInfo(_sweep.ModelFile).Length > 0, model.GetProperty("model").GetProperty("bytes").GetInt64() > 0);
    }

    /// <summary>The quickstart task's dev split as the tsv a classifier reads: the prefix before the verb and its 0/1 label.</summary>
    private static string DevSplitAsTsv()
    {
        var options = ((AgreementDataSpec)QuickstartTask().Data).Options;
        var text = new StringBuilder("sentence\tlabel\n");
        foreach (var sentence in new AgreementGenerator(options).Dev())
        {
            text.Append(string.Join(' ', sentence.Prefix)).Append('\t').Append(((int)sentence.SubjectNumber).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private static TaskDefinition QuickstartTask() =>
        Engine.Packaging.LoadedModel.ReadFile(SweepFixtureFile).Info.Task;

    private static string SweepFixtureFile => Sweep.Shared!.ModelFile;

    /// <summary>One real quickstart sweep for the class, and its best model exported to a file.</summary>
    public sealed class Sweep : IAsyncLifetime
    {
        private readonly TempFolder _folder = new("hypersweep-quickstart-");

        public static Sweep? Shared { get; private set; }

        public string StateDir => _folder.Combine("state");

        public string ModelFile => _folder.Combine("model.hsm");

        public async Task InitializeAsync()
        {
            Shared = this;
            var run = await Cli("run", Path.Combine(RepositoryPaths.Root, "examples", "quickstart.yaml"), "--json");
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"the quickstart sweep failed ({run.ExitCode}): {run.Error}");
            }

            var export = await Cli("model", "export", "quickstart", "-o", ModelFile);
            if (export.ExitCode != 0)
            {
                throw new InvalidOperationException($"model export failed ({export.ExitCode}): {export.Error}");
            }
        }

        internal Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--state-dir", StateDir]);

        public Task DisposeAsync()
        {
            _folder.Dispose();
            return Task.CompletedTask;
        }
    }
}
