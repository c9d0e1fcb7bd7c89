using HyperSweep.Search;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

public sealed class ModelFactoryTests
{
    private static readonly TaskData Classification = TaskData.Build(Agreement(TaskKind.Classification, size: 50, devSize: 10), ".");
    private static readonly TaskData LanguageModel = TaskData.Build(Agreement(TaskKind.LanguageModel, size: 50, devSize: 10), ".");

    [Theory]
    [InlineData("classification", "dan", typeof(Dan), typeof(ClassificationBatchSource))]
    [InlineData("classification", "rnn", typeof(RnnClassifier), typeof(ClassificationBatchSource))]
    [InlineData("language_model", "rnn", typeof(RnnLanguageModel), typeof(LanguageModelBatchSource))]
    [InlineData("language_model", "nplm", typeof(Nplm), typeof(NgramBatchSource))]
    public void Task_kind_and_arch_pick_the_model_and_its_batches(string kind, string arch, Type model, Type batches)
    {
        var data = kind == "classification" ? Classification : LanguageModel;
        var parameters = HyperParameters.Parse(Parameters(("arch", arch), ("embedding_dim", 4), ("hidden_size", 4)), data.Kind);

        Assert.IsType(model, ModelFactory.Create(data, parameters, seed: 1));
        Assert.IsType(batches, ModelFactory.CreateBatches(data, parameters));
    }

    [Fact]
    public void Sizes_follow_the_parameters_and_the_seed_fixes_the_initial_weights()
    {
        var parameters = Parameters(("arch", "rnn"), ("cell", "gru"), ("embedding_dim", 6), ("hidden_size", 5), ("layers", 2), ("bidirectional", true));

        var model = ModelFactory.Create(Classification, parameters, seed: 3);
        var same = ModelFactory.Create(Classification, parameters, seed: 3);
        var other = ModelFactory.Create(Classification, parameters, seed: 4);

        var embedding = model.Parameters.Single(p => p.Name == "embedding");
        Assert.Equal([Classification.Vocabulary.Count, 6], embedding.Shape.ToArray());
        Assert.Equal(2, model.Parameters.Single(p => p.Name == "W_out").Shape[1]);
        Assert.Equal(model.Parameters.SelectMany(p => p.Data), same.Parameters.SelectMany(p => p.Data));
        Assert.NotEqual(model.Parameters.SelectMany(p => p.Data), other.Parameters.SelectMany(p => p.Data));
    }

    [Theory]
    [InlineData("sgd", typeof(Sgd))]
    [InlineData("adam", typeof(Adam))]
    [InlineData("adagrad", typeof(Adagrad))]
    public void The_optimizer_parameter_picks_the_optimizer_with_its_settings(string name, Type type)
    {
        var parameters = HyperParameters.Parse(Parameters(("arch", "dan"), ("optimizer", name), ("lr", 0.05), ("weight_decay", 0.01), ("clip", 2.0)), TaskKind.Classification);
        var model = ModelFactory.Create(Classification, parameters, seed: 1);

        var optimizer = ModelFactory.CreateOptimizer(model, parameters);

        Assert.IsType(type, optimizer);
        Assert.Equal((0.05f, 0.01f, 2f), (optimizer.LearningRate, optimizer.WeightDecay, optimizer.ClipNorm!.Value));
    }

    [Fact]
    public void Architectures_that_do_not_fit_the_task_kind_are_rejected_naming_arch()
    {
        var nplm = Assert.ThrowsAny<EngineException>(() => ModelFactory.Create(Classification, Parameters(("arch", "nplm")), 1));
        var dan = Assert.ThrowsAny<EngineException>(() => ModelFactory.Create(LanguageModel, Parameters(("arch", "dan")), 1));

        Assert.StartsWith("parameters.arch: nplm is a language model", nplm.Message);
        Assert.StartsWith("parameters.arch: dan is a sentence classifier", dan.Message);
    }

    [Fact]
    public void Pretrained_vectors_are_loaded_from_a_path_relative_to_the_base_directory()
    {
        var directory = Directory.CreateTempSubdirectory("hypersweep-glove-");
        try
        {
            var word = Classification.Vocabulary.TokenOf(3);
            File.WriteAllText(Path.Combine(directory.FullName, "vectors.txt"), $"{word} 0.5 -0.25 1 2\nnot-in-vocabulary 9 9 9 9\n");

            var model = ModelFactory.Create(Classification, Parameters(("arch", "dan"), ("embedding_dim", 4), ("pretrained", "vectors.txt")), 1, directory.FullName);

            var table = model.Parameters.Single(p => p.Name == "embedding").Data;
            Assert.Equal([0.5f, -0.25f, 1f, 2f], table.AsSpan(3 * 4, 4).ToArray());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("classification", "arch", "nplm", "parameters.arch: nplm is a language model")]
    [InlineData("language_model", "arch", "dan", "parameters.arch: dan is a sentence classifier")]
    [InlineData("classification", "dropout", "2", "parameters.dropout: '2' is out of range")]
    public void A_request_is_validated_without_reading_data(string kind, string name, string value, string expected)
    {
        // The files do not exist: validation must not need them.
        var task = new TaskDefinition(kind == "classification" ? TaskKind.Classification : TaskKind.LanguageModel,
            new FileDataSpec(kind == "classification" ? DataFormat.Tsv : DataFormat.Lines, "missing/train", "missing/dev"));
        var request = new TrialRequest(task, Parameters((name, value)), Seed: 1, MaxEpochs: 1);

        var error = Assert.ThrowsAny<EngineException>(() => TrialRunner.Validate(request));

        Assert.StartsWith(expected, error.Message);
        Assert.Equal(Architecture.Rnn, TrialRunner.Validate(request with { Parameters = Parameters() }).Arch);
    }

    [Fact]
    public void An_objective_the_task_lacks_is_rejected_before_training()
    {
        var request = new TrialRequest(Agreement(TaskKind.LanguageModel), Parameters(), 1, 1, new Objective(MetricNames.ValAccuracy, StudyDirection.Maximize));

        Assert.Contains("has no metric 'val_accuracy'", Assert.ThrowsAny<EngineException>(() => TrialRunner.Validate(request)).Message);
    }
}
