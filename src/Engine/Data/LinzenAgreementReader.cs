using System.Globalization;

namespace HyperSweep.Engine.Data;

/// <summary>
/// Reads the Linzen/Gulordava agreement evaluation set (<c>subj_agr_filtered.text</c> and <c>.gold</c>).
/// Evaluation only: the set is CC BY-NC, so it is never used for training.
/// </summary>
public static class LinzenAgreementReader
{
    public const string TextFileName = "subj_agr_filtered.text";
    public const string GoldFileName = "subj_agr_filtered.gold";

    /// <summary>Reads the two files from a folder holding them under their original names.</summary>
    public static IReadOnlyList<LinzenAgreementItem> ReadDirectory(string directory) =>
        Read(Path.Combine(directory, TextFileName), Path.Combine(directory, GoldFileName));

    /// <summary>
    /// Reads line-aligned sentence and gold files. A gold line is
    /// <c>verb index&lt;TAB&gt;correct form&lt;TAB&gt;wrong form&lt;TAB&gt;attractors</c>.
    /// </summary>
    public static IReadOnlyList<LinzenAgreementItem> Read(string textPath, string goldPath)
    {
        var sentences = DataFile.ReadAllLines(textPath);
        var gold = DataFile.ReadAllLines(goldPath);
        if (sentences.Length != gold.Length)
        {
            throw new EngineException($"{textPath} has {sentences.Length} lines but {goldPath} has {gold.Length}: the files must be line-aligned");
        }

        if (sentences.Length == 0)
        {
            throw DataErrors.InFile(textPath, "contains no sentences");
        }

        var tokenizer = new Tokenizer();
        var items = new List<LinzenAgreementItem>(sentences.Length);
        for (var i = 0; i < sentences.Length; i++)
        {
            var line = i + 1;
            var columns = gold[i].Split('\t');
            if (columns.Length != 4)
            {
                throw DataErrors.AtLine(goldPath, line, $"expected 4 TAB-separated columns (verb index, correct form, wrong form, attractors), got {columns.Length}");
            }

            var tokens = tokenizer.Tokenize(sentences[i]);
            var verbIndex = ParseCount(columns[0], "verb index", goldPath, line);
            if (verbIndex >= tokens.Length)
            {
                throw DataErrors.AtLine(goldPath, line, $"verb index {verbIndex} is outside the sentence of {tokens.Length} tokens ({textPath}:{line})");
            }

            var attractors = ParseCount(columns[3], "attractor count", goldPath, line);
            items.Add(new LinzenAgreementItem(tokens, verbIndex, columns[1], columns[2], attractors));
        }

        return items;
    }

    private static int ParseCount(string text, string what, string path, int line)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw DataErrors.AtLine(path, line, $"{what} '{text}' is not a non-negative integer");
        }

        return value;
    }
}
