using HyperSweep.Engine.Data;
using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Packaging;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Analysis;

/// <summary>
/// Elman's (1990) picture of what a simple recurrent network learns: the top layer's hidden state h_t after each word,
/// averaged per word over every context the word occurs in. Language models read each sentence after <c>&lt;eos&gt;</c>
/// from a fresh state, as in training; classifiers read it as they classify (both directions concatenated when
/// bidirectional). Needs a recurrent model: DAN and NPLM have no hidden state per word.
/// </summary>
public static class HiddenStates
{
    /// <summary>Mean state per word (for the words in <paramref name="words"/> that occur; all words when null) and how often each occurred.</summary>
    public static IReadOnlyList<WordState> MeanByWord(LoadedModel model, IEnumerable<IReadOnlyList<string>> sentences, IReadOnlySet<string>? words = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sentences);
        var (embedding, rnn) = model.Model switch
        {
            RnnLanguageModel lm => (lm.Embedding, lm.Rnn),
            RnnClassifier classifier => (classifier.Embedding, classifier.Rnn),
            _ => throw new EngineException($"hidden states: {model.Parameters.Arch.ToString().ToLowerInvariant()} has no recurrent hidden state; train arch: rnn"),
        };
        var sums = new Dictionary<string, (double[] Sum, int Count)>(StringComparer.Ordinal);
        var languageModel = model.Kind == TaskKind.LanguageModel;
        using (new NoGradScope())
        {
            foreach (var sentence in sentences)
            {
                var ids = model.Vocabulary.Encode(sentence);
                int[] read = languageModel ? [Vocabulary.EndOfSentenceId, .. ids] : ids;
                if (read.Length == 0)
                {
                    continue;
                }

                var outputs = rnn.Forward(embedding.Forward(read, 1, read.Length), null, null, null).Outputs;
                var width = outputs.Dim(2);
                var offset = languageModel ? 1 : 0;
                for (var i = 0; i < sentence.Count; i++)
                {
                    var word = sentence[i];
                    if ((words is not null && !words.Contains(word)) || ids[i] == Vocabulary.UnknownId)
                    {
                        continue;
                    }

                    var entry = sums.TryGetValue(word, out var found) ? found : (new double[width], 0);
                    var state = outputs.Data.AsSpan((i + offset) * width, width);
                    for (var j = 0; j < width; j++)
                    {
                        entry.Item1[j] += state[j];
                    }

                    sums[word] = (entry.Item1, entry.Item2 + 1);
                }
            }
        }

        model.Model.ResetState();
        return [.. sums.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new WordState(p.Key, [.. p.Value.Sum.Select(s => s / p.Value.Count)], p.Value.Count))];
    }

    /// <summary>
    /// The agreement task's content words, labelled: its nouns (singular and plural, as many as the task's
    /// <c>vocabulary</c>) and its verbs in both numbers — the words Elman's tree should separate by category and number.
    /// </summary>
    public static IReadOnlyList<(string Word, string Group)> AgreementWords(AgreementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var nouns = AgreementLexicon.Nouns.Take(options.Vocabulary);
        return
        [
            .. nouns.Select(n => (n.Singular, "noun, singular")),
            .. nouns.Select(n => (n.Plural, "noun, plural")),
            .. AgreementLexicon.Verbs.Select(v => (v.Singular, "verb, singular")),
            .. AgreementLexicon.Verbs.Select(v => (v.Plural, "verb, plural")),
        ];
    }
}
