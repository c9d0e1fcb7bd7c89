namespace HyperSweep.Engine.Data;

/// <summary>
/// Reads a language-model corpus of text lines (PTB style): each line is tokenised on whitespace and
/// gets <c>&lt;eos&gt;</c> appended, as PyTorch's word_language_model and the PTB literature count tokens.
/// </summary>
public static class LanguageModelReader
{
    /// <summary>The sentences of the file, each ending with <see cref="Vocabulary.EndOfSentence"/>.</summary>
    public static IReadOnlyList<string[]> ReadLines(string path, Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var lines = DataFile.ReadAllLines(path);
        var sentences = new List<string[]>(lines.Length);
        foreach (var line in lines)
        {
            sentences.Add([.. tokenizer.Tokenize(line), Vocabulary.EndOfSentence]);
        }

        if (sentences.All(sentence => sentence.Length == 1))
        {
            throw DataErrors.InFile(path, "contains no tokens");
        }

        return sentences;
    }
}
