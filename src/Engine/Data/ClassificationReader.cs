using System.Globalization;

namespace HyperSweep.Engine.Data;

/// <summary>
/// Readers for the classification file formats of the course: SST-2 TSV (GLUE) and SST-5 in the
/// LING 574 layout (line-aligned <c>*-reviews.txt</c> and <c>*-labels.txt</c>).
/// </summary>
public static class ClassificationReader
{
    /// <summary>Largest label SST-5 uses (terrible=0 ... excellent=4).</summary>
    public const int Sst5MaxLabel = 4;

    /// <summary>
    /// Reads a GLUE-style TSV: a header line <c>sentence&lt;TAB&gt;label</c>, then one
    /// <c>sentence&lt;TAB&gt;label</c> per line. Labels are non-negative integers (SST-2: 0 negative, 1 positive).
    /// The sentence is trimmed (GLUE's SST-2 keeps a trailing space before the TAB).
    /// </summary>
    /// <param name="maxLabel">Largest accepted label; null accepts any non-negative integer.</param>
    public static IReadOnlyList<ClassificationExample> ReadTsv(string path, Tokenizer tokenizer, int? maxLabel = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var lines = DataFile.ReadAllLines(path);
        if (lines.Length == 0)
        {
            throw DataErrors.InFile(path, "is empty: expected a header line 'sentence<TAB>label' and data rows");
        }

        var header = lines[0].Split('\t');
        if (header.Length != 2 || header[0].Trim() != "sentence" || header[1].Trim() != "label")
        {
            throw DataErrors.AtLine(path, 1, $"expected the header 'sentence<TAB>label', got '{Shorten(lines[0])}'");
        }

        var examples = new List<ClassificationExample>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineNumber = i + 1;
            if (line.Length == 0 && i == lines.Length - 1)
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 2)
            {
                throw DataErrors.AtLine(path, lineNumber, $"expected 2 TAB-separated columns (sentence, label), got {columns.Length}");
            }

            var label = ParseLabel(columns[1], maxLabel, path, lineNumber);
            examples.Add(new ClassificationExample(TokenizeNonEmpty(tokenizer, columns[0], path, lineNumber), label));
        }

        if (examples.Count == 0)
        {
            throw DataErrors.InFile(path, "contains no examples (only a header)");
        }

        return examples;
    }

    /// <summary>
    /// Reads SST-5 in the LING 574 layout. <paramref name="path"/> is either the reviews file
    /// (<c>train-reviews.txt</c>; labels are then <c>train-labels.txt</c> beside it) or the common prefix
    /// (<c>.../train</c>). Line i of the reviews pairs with line i of the labels; labels are 0–4.
    /// </summary>
    public static IReadOnlyList<ClassificationExample> ReadSst5(string path, Tokenizer tokenizer)
    {
        var (reviewsPath, labelsPath) = Sst5Paths(path);
        return ReadAligned(reviewsPath, labelsPath, tokenizer, Sst5MaxLabel);
    }

    /// <summary>The (reviews, labels) file pair that <see cref="ReadSst5"/> reads for a given path.</summary>
    public static (string Reviews, string Labels) Sst5Paths(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string reviewsSuffix = "-reviews.txt";
        var prefix = path.EndsWith(reviewsSuffix, StringComparison.Ordinal) ? path[..^reviewsSuffix.Length] : path;
        return (prefix + reviewsSuffix, prefix + "-labels.txt");
    }

    /// <summary>Reads a sentence file and a label file that are aligned line by line.</summary>
    public static IReadOnlyList<ClassificationExample> ReadAligned(string sentencesPath, string labelsPath, Tokenizer tokenizer, int? maxLabel)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var sentences = DropFinalEmptyLine(DataFile.ReadAllLines(sentencesPath));
        var labels = DropFinalEmptyLine(DataFile.ReadAllLines(labelsPath));
        if (sentences.Length != labels.Length)
        {
            throw new EngineException(
                $"{sentencesPath} has {sentences.Length} lines but {labelsPath} has {labels.Length}: the files must be line-aligned");
        }

        if (sentences.Length == 0)
        {
            throw DataErrors.InFile(sentencesPath, "contains no examples");
        }

        var examples = new List<ClassificationExample>(sentences.Length);
        for (var i = 0; i < sentences.Length; i++)
        {
            var label = ParseLabel(labels[i], maxLabel, labelsPath, i + 1);
            examples.Add(new ClassificationExample(TokenizeNonEmpty(tokenizer, sentences[i], sentencesPath, i + 1), label));
        }

        return examples;
    }

    private static string[] DropFinalEmptyLine(string[] lines) =>
        lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;

    private static string[] TokenizeNonEmpty(Tokenizer tokenizer, string text, string path, int line)
    {
        var tokens = tokenizer.Tokenize(text);
        if (tokens.Length == 0)
        {
            throw DataErrors.AtLine(path, line, "the sentence is empty");
        }

        return tokens;
    }

    private static int ParseLabel(string text, int? maxLabel, string path, int line)
    {
        var accepted = maxLabel is { } max ? $"an integer in 0..{max}" : "a non-negative integer";
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var label)
            || (maxLabel is { } limit && label > limit))
        {
            throw DataErrors.AtLine(path, line, $"unknown label '{Shorten(text)}': expected {accepted}");
        }

        return label;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
