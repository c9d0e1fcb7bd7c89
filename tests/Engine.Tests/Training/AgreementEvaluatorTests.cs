using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

public sealed class AgreementEvaluatorTests
{
    private static readonly TaskData Data = TaskData.Build(Agreement(TaskKind.LanguageModel, size: 200, devSize: 40, maxAttractors: 2, maxDistance: 8), ".");

    [Fact]
    public void Batched_rnn_scoring_matches_scoring_each_sentence_alone()
    {
        var model = (RnnLanguageModel)ModelFactory.Create(Data, Parameters(("arch", "rnn"), ("cell", "gru"), ("embedding_dim", 8), ("hidden_size", 8)), seed: 2);
        var items = Data.AgreementDev!.Select(AgreementItem.From).ToList();

        var result = AgreementEvaluator.Evaluate(model, Data.Vocabulary, items);

        var expected = 0;
        var byAttractors = new Dictionary<int, int>();
        foreach (var item in items)
        {
            int[] prefix = [Vocabulary.EndOfSentenceId, .. Data.Vocabulary.Encode([.. item.Tokens.Take(item.VerbIndex)])];
            model.ResetState();
            var logits = model.Logits(ModelBatch.Dense(1, prefix.Length, prefix), null);
            var last = logits.Data.AsSpan((prefix.Length - 1) * logits.Dim(-1), logits.Dim(-1));
            var ok = last[Data.Vocabulary.IdOf(item.CorrectForm)] > last[Data.Vocabulary.IdOf(item.WrongForm)];
            expected += ok ? 1 : 0;
            byAttractors[item.Attractors] = byAttractors.GetValueOrDefault(item.Attractors) + (ok ? 1 : 0);
        }

        Assert.Equal((expected, items.Count, 0), (result.Correct, result.Total, result.Skipped));
        Assert.All(byAttractors, pair => Assert.Equal(pair.Value, result.ByAttractors[pair.Key].Correct));
        Assert.Equal(items.Count, result.ByAttractors.Values.Sum(v => v.Total));
    }

    [DataFact(DataSets.Linzen)]
    public void Linzen_items_whose_verb_forms_are_out_of_vocabulary_are_skipped_not_guessed()
    {
        var model = ModelFactory.Create(Data, Parameters(("arch", "nplm"), ("embedding_dim", 4), ("hidden_size", 4)), seed: 2);
        var linzen = LinzenAgreementReader.ReadDirectory(DataSets.Of(DataSets.Linzen)).Select(AgreementItem.From).ToList();
        var judgeable = linzen.Count(item => Data.Vocabulary.Contains(item.CorrectForm) && Data.Vocabulary.Contains(item.WrongForm));

        var result = AgreementEvaluator.Evaluate(model, Data.Vocabulary, linzen);

        Assert.Equal(judgeable, result.Total);
        Assert.Equal(linzen.Count - judgeable, result.Skipped);
        Assert.True(judgeable > 1000, "is/are, was/were and has/have are in the generated vocabulary");
        Assert.InRange(result.Accuracy, 0, 1);
    }

    [Fact]
    public void Classifiers_are_rejected()
    {
        var classification = TaskData.Build(Agreement(TaskKind.Classification, size: 20, devSize: 5), ".");
        var dan = ModelFactory.Create(classification, Parameters(("arch", "dan")), seed: 1);

        var error = Assert.ThrowsAny<EngineException>(() =>
            AgreementEvaluator.Evaluate(dan, classification.Vocabulary, classification.AgreementDev!.Select(AgreementItem.From)));

        Assert.Contains("needs a language model", error.Message);
    }
}
