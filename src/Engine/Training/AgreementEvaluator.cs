using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;

namespace HyperSweep.Engine.Training;

/// <summary>
/// The LM-based agreement evaluation (Linzen et al. 2016; Gulordava et al. 2018): run a language model over
/// each sentence up to the verb and compare the logits of the correct and the wrong verb form there.
/// An <see cref="RnnLanguageModel"/> reads the whole prefix (from a fresh state, after a start-of-text
/// <c>&lt;eos&gt;</c>); an <see cref="Nplm"/> sees only its n-1 word window, which is why it fails once the
/// subject is farther away than its context.
/// </summary>
public static class AgreementEvaluator
{
    private const int BatchSize = 64;

    public static AgreementResult Evaluate(IModel model, Vocabulary vocabulary, IEnumerable<AgreementItem> items)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(items);
        if (model is not (RnnLanguageModel or Nplm))
        {
            throw new EngineException($"agreement evaluation needs a language model (rnn or nplm), got {model.GetType().Name}");
        }

        var judged = new List<(int[] Prefix, int Correct, int Wrong, int Attractors)>();
        var skipped = 0;
        foreach (var item in items)
        {
            if (!vocabulary.Contains(item.CorrectForm) || !vocabulary.Contains(item.WrongForm))
            {
                skipped++;
                continue;
            }

            int[] prefix = [Vocabulary.EndOfSentenceId, .. vocabulary.Encode([.. item.Tokens.Take(item.VerbIndex)])];
            judged.Add((prefix, vocabulary.IdOf(item.CorrectForm), vocabulary.IdOf(item.WrongForm), item.Attractors));
        }

        var byAttractors = new SortedDictionary<int, (int Correct, int Total)>();
        var correct = 0;
        using (new NoGradScope())
        {
            for (var start = 0; start < judged.Count; start += BatchSize)
            {
                var chunk = judged.GetRange(start, Math.Min(BatchSize, judged.Count - start));
                var (logits, width) = NextTokenLogits(model, [.. chunk.Select(c => c.Prefix)]);
                for (var b = 0; b < chunk.Count; b++)
                {
                    var (_, right, wrong, attractors) = chunk[b];
                    var ok = logits[(b * width) + right] > logits[(b * width) + wrong];
                    correct += ok ? 1 : 0;
                    var counts = byAttractors.GetValueOrDefault(attractors);
                    byAttractors[attractors] = (counts.Correct + (ok ? 1 : 0), counts.Total + 1);
                }
            }
        }

        model.ResetState();
        return new AgreementResult(correct, judged.Count, skipped, byAttractors);
    }

    /// <summary>Logits [B, V] of the token after each prefix.</summary>
    private static (float[] Logits, int Width) NextTokenLogits(IModel model, int[][] prefixes)
    {
        switch (model)
        {
            case RnnLanguageModel rnn:
            {
                var length = prefixes.Max(p => p.Length);
                var tokens = new int[prefixes.Length * length];
                var mask = new float[tokens.Length];
                for (var b = 0; b < prefixes.Length; b++)
                {
                    prefixes[b].CopyTo(tokens, b * length);
                    mask.AsSpan(b * length, prefixes[b].Length).Fill(1f);
                }

                rnn.ResetState();
                // Padding follows the real tokens, so it cannot change the state at the last real token.
                var all = rnn.Logits(new ModelBatch(prefixes.Length, length, tokens, mask), null);
                var width = all.Dim(-1);
                var logits = new float[prefixes.Length * width];
                for (var b = 0; b < prefixes.Length; b++)
                {
                    all.Data.AsSpan(((b * length) + prefixes[b].Length - 1) * width, width).CopyTo(logits.AsSpan(b * width));
                }

                return (logits, width);
            }

            case Nplm nplm:
            {
                var context = nplm.Context;
                var windows = new int[prefixes.Length * context];
                for (var b = 0; b < prefixes.Length; b++)
                {
                    var prefix = prefixes[b];
                    for (var k = 0; k < context; k++)
                    {
                        var source = prefix.Length - context + k;
                        windows[(b * context) + k] = source >= 0 ? prefix[source] : Vocabulary.EndOfSentenceId;
                    }
                }

                var logits = nplm.Logits(ModelBatch.Dense(prefixes.Length, context, windows), null);
                return (logits.Data, logits.Dim(-1));
            }

            default:
                throw new EngineException($"agreement evaluation needs a language model (rnn or nplm), got {model.GetType().Name}");
        }
    }
}
