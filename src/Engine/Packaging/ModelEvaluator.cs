using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// Scores a saved model on a data set with the trainer's own evaluation: the batches are made as its dev batches are
/// (<see cref="ModelFactory.CreateEvaluationBatches"/>) and summed in the same order by <see cref="Sum"/>, which the
/// <see cref="Trainer"/> also uses, so scoring the dev split reproduces the recorded dev metrics bit for bit.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>Loss sums over <paramref name="batches"/> without a graph, the model's carried state reset before and after.</summary>
    public static EvaluationSums Sum(IModel model, IReadOnlyList<ModelBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);
        model.ResetState();
        var sums = default(EvaluationSums);
        using (new NoGradScope())
        {
            foreach (var batch in batches)
            {
                sums += model.Evaluate(batch);
            }
        }

        model.ResetState();
        return sums;
    }

    public static ModelScore Score(LoadedModel model, EvaluationSet data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var sums = Sum(model.Model, ModelFactory.CreateEvaluationBatches(model.Kind, data.Split, model.Parameters));
        var languageModel = model.Kind == TaskKind.LanguageModel;
        return new ModelScore(
            data.Split.Count,
            sums.Count,
            sums.MeanLoss,
            languageModel ? null : sums.Accuracy,
            languageModel ? sums.Perplexity : null,
            data.AgreementSentences is { } sentences ? ByAttractors(model, sentences) : null);
    }

    /// <summary>Agreement right by attractor count: a classifier's accuracy per group, or a language model's verb choice.</summary>
    private static IReadOnlyDictionary<int, (int Correct, int Total)> ByAttractors(LoadedModel model, IReadOnlyList<AgreementSentence> sentences)
    {
        if (model.Kind == TaskKind.LanguageModel)
        {
            return AgreementEvaluator.Evaluate(model.Model, model.Vocabulary, sentences.Select(AgreementItem.From)).ByAttractors;
        }

        var result = new SortedDictionary<int, (int Correct, int Total)>();
        foreach (var group in sentences.GroupBy(s => s.Attractors).OrderBy(g => g.Key))
        {
            var split = TaskData.EncodeAgreement($"{group.Key} attractors", [.. group], model.Vocabulary, model.Kind);
            var sums = Sum(model.Model, ModelFactory.CreateEvaluationBatches(model.Kind, split, model.Parameters));
            result[group.Key] = ((int)sums.Correct, (int)sums.Count);
        }

        return result;
    }
}
