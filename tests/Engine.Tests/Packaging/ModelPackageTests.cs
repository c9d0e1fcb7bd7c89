using HyperSweep.Engine.Analysis;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Packaging;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Search;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Packaging;

public sealed class ModelPackageTests
{
    public static TheoryData<TaskKind, string> Models => new()
    {
        { TaskKind.Classification, "dan" },
        { TaskKind.Classification, "rnn" },
        { TaskKind.LanguageModel, "rnn" },
        { TaskKind.LanguageModel, "nplm" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_model_made_from_an_epoch_s_checkpoint_scores_the_dev_split_exactly_as_that_epoch_did(TaskKind kind, string arch)
    {
        var (task, parameters) = (Agreement(kind), Small(kind, arch));
        var checkpoints = new Dictionary<int, byte[]>();
        var result = await TrialRunner.RunAsync(
            Request(task, parameters, maxEpochs: 3),
            new TrainingCallbacks(OnCheckpoint: (epoch, bytes, _) => { checkpoints[epoch] = bytes; return ValueTask.CompletedTask; }));
        var data = TaskData.Build(task, DataSets.Root);

        foreach (var epoch in result.Epochs)
        {
            var package = ModelPackager.FromCheckpoint(checkpoints[epoch.Epoch], data, DataSets.Root, parameters, 5, MetricSchemaObjective(kind));
            var model = LoadedModel.From(ModelPackageFormat.Read(ModelPackageFormat.Write(package), "test"), "test");
            var score = ModelEvaluator.Score(model, EvaluationSets.FromSplit(model, EvaluationSets.Dev)).Named("val");

            Assert.Equal(
                epoch.ToDictionary().Where(m => m.Key != MetricNames.TrainLoss).OrderBy(m => m.Key, StringComparer.Ordinal).ToList(),
                score.OrderBy(m => m.Key, StringComparer.Ordinal).ToList());
            Assert.Equal(epoch.Epoch, model.Info.BestEpoch);
            Assert.Equal(epoch.ToDictionary(), model.Info.Metrics);
        }
    }

    [Fact]
    public void The_file_round_trips_its_description_and_weights()
    {
        var package = Package();

        var read = ModelPackageFormat.Read(ModelPackageFormat.Write(package with { Info = package.Info with { Origin = new ModelOrigin("sw-1", "name", 3, 1), TestMetrics = new Dictionary<string, double> { ["test_loss"] = 0.1 + 0.2 } } }), "x");

        Assert.Equal(package.Weights.Select(w => (w.Name, w.Values)), read.Weights.Select(w => (w.Name, w.Values)));
        Assert.Equal(package.Info.Vocabulary, read.Info.Vocabulary);
        Assert.Equal(package.Info.Task, read.Info.Task);
        Assert.Equal(package.Info.Metrics, read.Info.Metrics);
        Assert.Equal(0.1 + 0.2, read.Info.TestMetrics!["test_loss"]);
        Assert.Equal(new ModelOrigin("sw-1", "name", 3, 1), read.Info.Origin);
        Assert.Equal(package.Info.HyperParameters.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"), read.Info.HyperParameters.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public void A_flipped_bit_a_truncation_a_foreign_file_and_a_newer_version_are_refused_by_name()
    {
        var bytes = ModelPackageFormat.Write(Package());
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 1;
        var newer = (byte[])bytes.Clone();
        newer[8] = 2;

        Assert.Contains("corrupt", Assert.Throws<EngineException>(() => ModelPackageFormat.Read(flipped, "m.hsm")).Message);
        Assert.Contains("corrupt", Assert.Throws<EngineException>(() => ModelPackageFormat.Read(bytes[..^40], "m.hsm")).Message);
        Assert.Contains("not a HyperSweep model file", Assert.Throws<EngineException>(() => ModelPackageFormat.Read("hello"u8, "m.hsm")).Message);
        Assert.Contains("version 2", Assert.Throws<EngineException>(() => ModelPackageFormat.Read(newer, "m.hsm")).Message);
        Assert.StartsWith("m.hsm: ", Assert.Throws<EngineException>(() => ModelPackageFormat.Read(flipped, "m.hsm")).Message);
    }

    [Fact]
    public void Predictions_are_distributions_and_hidden_states_are_means_over_contexts()
    {
        var model = LoadedModel.From(Package(TaskKind.LanguageModel, "rnn"), "test");

        var prediction = Predictor.Predict(model, "the key", top: 3);
        Assert.Equal(3, prediction.Outcomes.Count);
        Assert.True(prediction.Outcomes.Zip(prediction.Outcomes.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
        var all = Predictor.Predict(model, "the key", top: model.Vocabulary.Count);
        Assert.Equal(1.0, all.Outcomes.Sum(o => o.Probability), 9);

        // "the" after <eos> is always the first state: its mean over two sentences is that state itself.
        var states = HiddenStates.MeanByWord(model, [["the", "key"], ["the", "keys"]]);
        var the = states.Single(s => s.Word == "the");
        Assert.Equal(2, the.Occurrences);
        var alone = HiddenStates.MeanByWord(model, [["the"]]).Single();
        Assert.Equal(alone.State, the.State);
    }

    private static ModelPackage Package(TaskKind kind = TaskKind.Classification, string arch = "rnn")
    {
        var (task, parameters) = (Agreement(kind), Small(kind, arch));
        byte[]? checkpoint = null;
        TrialRunner.RunAsync(
            Request(task, parameters, maxEpochs: 1),
            new TrainingCallbacks(OnCheckpoint: (_, bytes, _) => { checkpoint = bytes; return ValueTask.CompletedTask; })).GetAwaiter().GetResult();
        return ModelPackager.FromCheckpoint(checkpoint!, TaskData.Build(task, DataSets.Root), DataSets.Root, parameters, 5, MetricSchemaObjective(kind));
    }

    private static Dictionary<string, object?> Small(TaskKind kind, string arch) => arch switch
    {
        "dan" => Parameters(("arch", "dan"), ("embedding_dim", 8), ("hidden_size", 8), ("batch_size", 16), ("lr", 0.01)),
        "nplm" => Parameters(("arch", "nplm"), ("embedding_dim", 8), ("hidden_size", 8), ("context", 3), ("batch_size", 16), ("lr", 0.01)),
        _ when kind == TaskKind.LanguageModel => Parameters(("arch", "rnn"), ("cell", "lstm"), ("embedding_dim", 8), ("hidden_size", 8), ("batch_size", 4), ("bptt", 6), ("lr", 0.01)),
        _ => Parameters(("arch", "rnn"), ("cell", "gru"), ("embedding_dim", 8), ("hidden_size", 8), ("batch_size", 16), ("lr", 0.01)),
    };

    private static Objective MetricSchemaObjective(TaskKind kind) => Schema.MetricSchema.DefaultObjective(kind);
}
