using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Tests.Data;

namespace HyperSweep.Engine.Tests.Tasks;

public sealed class TaskDataTests
{
    [Fact]
    public void Agreement_classification_data_has_two_classes_prefix_inputs_and_the_configured_sizes()
    {
        var definition = new TaskDefinition(TaskKind.Classification, new AgreementDataSpec(new AgreementOptions(Size: 200, DevSize: 30, TestSize: 20)));

        var data = TaskData.Build(definition, "/nonexistent");

        Assert.Equal((2, 200, 30, 20), (data.ClassCount, data.Train.Count, data.Dev.Count, data.Test!.Count));
        var sentences = new AgreementGenerator(new AgreementOptions(Size: 200, DevSize: 30, TestSize: 20)).Train();
        Assert.Equal(data.Vocabulary.Encode(sentences[0].Prefix), data.Train.Examples[0].TokenIds);
        Assert.Equal((int)sentences[0].SubjectNumber, data.Train.Examples[0].Label);
        Assert.Equal(30, data.AgreementDev!.Count);
    }

    [Fact]
    public void Agreement_language_model_data_is_whole_sentences_ending_with_eos()
    {
        var definition = new TaskDefinition(TaskKind.LanguageModel, new AgreementDataSpec(new AgreementOptions(Size: 50, DevSize: 10)));

        var data = TaskData.Build(definition, ".");

        Assert.Equal(0, data.ClassCount);
        Assert.All(data.Train.Examples, example => Assert.Equal(Vocabulary.EndOfSentenceId, example.TokenIds[^1]));
        Assert.All(data.Train.Examples, example => Assert.Equal(-1, example.Label));
        Assert.Equal(data.Train.TokenCount, data.Train.ToStream().Length);
    }

    [DataFact(DataSets.Sst5)]
    public void Sst5_from_files_resolves_paths_against_the_base_directory()
    {
        var definition = TaskDefinition.Parse(new Dictionary<string, object?>
        {
            ["kind"] = "classification",
            ["data"] = new Dictionary<string, object?>
            {
                ["source"] = "files", ["format"] = "sst5", ["train"] = "sst5-ling574/train", ["dev"] = "sst5-ling574/dev-reviews.txt", ["min_count"] = 2,
            },
        });

        var data = TaskData.Build(definition, DataSets.Root);

        Assert.Equal((5, 8_544, 1_101), (data.ClassCount, data.Train.Count, data.Dev.Count));
        Assert.Null(data.Test);
        Assert.True(data.Vocabulary.Count < 16_579, "min_count 2 drops singletons");
    }

    [DataFact(DataSets.Ptb)]
    public void Ptb_from_files_gives_the_conventional_vocabulary_and_streams()
    {
        var definition = new TaskDefinition(TaskKind.LanguageModel, new FileDataSpec(DataFormat.Lines, "ptb/ptb.train.txt", "ptb/ptb.valid.txt", "ptb/ptb.test.txt"));

        var data = TaskData.Build(definition, DataSets.Root);

        Assert.Equal(10_001, data.Vocabulary.Count);
        Assert.Equal(929_589, data.Train.ToStream().Length);
        Assert.Equal(73_760, data.Dev.ToStream().Length);
        Assert.Equal(82_430, data.Test!.ToStream().Length);
    }

    [Fact]
    public void A_dev_label_train_never_had_fails_at_its_line()
    {
        var definition = new TaskDefinition(TaskKind.Classification, new FileDataSpec(DataFormat.Tsv, "tsv-good-train.tsv", "tsv-dev-label-unseen-in-train.tsv"));
        var directory = Path.GetDirectoryName(DataPaths.BadInput("tsv-good-train.tsv"))!;

        var error = Assert.ThrowsAny<EngineException>(() => TaskData.Build(definition, directory));

        Assert.Contains("tsv-dev-label-unseen-in-train.tsv:3: unknown label '2': expected an integer in 0..1", error.Message);
    }

    [Fact]
    public void A_missing_train_file_is_named_with_its_resolved_path()
    {
        var definition = new TaskDefinition(TaskKind.Classification, new FileDataSpec(DataFormat.Tsv, "nope/train.tsv", "nope/dev.tsv"));

        var error = Assert.ThrowsAny<EngineException>(() => TaskData.Build(definition, "/tmp"));

        Assert.StartsWith("/tmp/nope/train.tsv: file not found", error.Message);
    }
}
