using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// Runs a saved model on text: a classifier's class probabilities, or a language model's distribution over the next
/// word after the text (read from a fresh state after <c>&lt;eos&gt;</c>, as training and the agreement evaluation read
/// sentences; an NPLM sees its last n-1 words).
/// </summary>
public static class Predictor
{
    public static Prediction Predict(LoadedModel model, string text, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        var words = model.Tokenizer.Tokenize(text);
        var ids = model.Vocabulary.Encode(words);
        var tokens = ids.Select(model.Vocabulary.TokenOf).ToList();
        float[] logits;
        using (new NoGradScope())
        {
            logits = model.Kind == TaskKind.Classification ? ClassLogits(model.Model, ids, text) : NextWordLogits(model.Model, ids);
        }

        model.Model.ResetState();
        var probabilities = Softmax(logits);
        var names = model.Kind == TaskKind.Classification
            ? model.Info.Labels ?? [.. Enumerable.Range(0, logits.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : model.Vocabulary.Tokens;
        var ranked = Enumerable.Range(0, probabilities.Length)
            .OrderByDescending(i => probabilities[i])
            .ThenBy(i => i)
            .Take(model.Kind == TaskKind.Classification ? probabilities.Length : Math.Max(1, top))
            .Select(i => (names[i], probabilities[i]))
            .ToList();
        return new Prediction(text, tokens, ranked);
    }

    private static float[] ClassLogits(IModel model, int[] ids, string text)
    {
        if (ids.Length == 0)
        {
            throw new EngineException($"predict: '{text}' has no tokens to classify");
        }

        var batch = ModelBatch.Dense(1, ids.Length, ids);
        return model switch
        {
            Dan dan => dan.Logits(batch, null).Data[..],
            RnnClassifier rnn => rnn.Logits(batch, null).Data[..],
            _ => throw new EngineException($"predict: {model.GetType().Name} is not a classifier"),
        };
    }

    private static float[] NextWordLogits(IModel model, int[] ids)
    {
        int[] read = [Vocabulary.EndOfSentenceId, .. ids];
        switch (model)
        {
            case RnnLanguageModel rnn:
            {
                rnn.ResetState();
                var all = rnn.Logits(ModelBatch.Dense(1, read.Length, read), null);
                var width = all.Dim(-1);
                return all.Data.AsSpan((read.Length - 1) * width, width).ToArray();
            }

            case Nplm nplm:
            {
                var window = new int[nplm.Context];
                for (var k = 0; k < window.Length; k++)
                {
                    var source = read.Length - window.Length + k;
                    window[k] = source >= 0 ? read[source] : Vocabulary.EndOfSentenceId;
                }

                return nplm.Logits(ModelBatch.Dense(1, window.Length, window), null).Data[..];
            }

            default:
                throw new EngineException($"predict: {model.GetType().Name} is not a language model");
        }
    }

    /// <summary>Max-stabilised softmax in double precision.</summary>
    private static double[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => e / sum)];
    }
}
