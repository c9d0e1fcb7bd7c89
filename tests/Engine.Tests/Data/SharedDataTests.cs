using System.Security.Cryptography;
using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tests.Data;

/// <summary>The real data sets (HYPERSWEEP_DATA_DIR, default ../shared/data) read as their READMEs describe them.</summary>
public sealed class SharedDataTests
{
    [DataTheory(DataSets.Sst2)]
    [InlineData("train.tsv", "48eac26399f8456935f81dd9e3a745c1430adb6c62e233ccfe22db4a0d15d1d1")]
    [InlineData("dev.tsv", "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0")]
    public void Sst2_files_have_the_readme_sha256(string file, string sha256)
    {
        using var stream = File.OpenRead(DataSets.Of(DataSets.Sst2, file));
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    [DataTheory(DataSets.Ptb)]
    [InlineData("ptb.train.txt", "f26c4b92c5fdc7b3f8c7cdcb991d8420")]
    [InlineData("ptb.valid.txt", "aa0affc06ff7c36e977d7cd49e3839bf")]
    [InlineData("ptb.test.txt", "8b80168b89c18661a38ef683c0dc3721")]
    public void Ptb_files_have_the_readme_md5(string file, string md5)
    {
        using var stream = File.OpenRead(DataSets.Of(DataSets.Ptb, file));
        Assert.Equal(md5, Convert.ToHexStringLower(MD5.HashData(stream)));
    }

    [DataTheory(DataSets.Sst2)]
    [InlineData("train.tsv", 67_349, 29_780, 37_569)]
    [InlineData("dev.tsv", 872, 428, 444)]
    public void Sst2_reader_gives_the_readme_row_and_label_counts(string file, int rows, int negative, int positive)
    {
        var examples = ClassificationReader.ReadTsv(DataSets.Of(DataSets.Sst2, file), new Tokenizer(), maxLabel: 1);

        Assert.Equal(rows, examples.Count);
        Assert.Equal(negative, examples.Count(example => example.Label == 0));
        Assert.Equal(positive, examples.Count(example => example.Label == 1));
    }

    [DataFact(DataSets.Sst2)]
    public void Sst2_train_has_the_readme_type_count_and_first_row()
    {
        var examples = ClassificationReader.ReadTsv(DataSets.Of(DataSets.Sst2, "train.tsv"), new Tokenizer());

        Assert.Equal(14_816, examples.SelectMany(example => example.Tokens).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["hide", "new", "secretions", "from", "the", "parental", "units"], examples[0].Tokens);
        Assert.Equal(0, examples[0].Label);
    }

    [DataTheory(DataSets.Sst5)]
    [InlineData("train", new[] { 1092, 2218, 1624, 2322, 1288 })]
    [InlineData("dev", new[] { 139, 289, 229, 279, 165 })]
    [InlineData("test", new[] { 279, 633, 389, 510, 399 })]
    public void Sst5_reader_gives_the_readme_label_counts(string split, int[] labelCounts)
    {
        var examples = ClassificationReader.ReadSst5(DataSets.Of(DataSets.Sst5, split), new Tokenizer());

        Assert.Equal(labelCounts.Sum(), examples.Count);
        for (var label = 0; label < labelCounts.Length; label++)
        {
            Assert.Equal(labelCounts[label], examples.Count(example => example.Label == label));
        }
    }

    [DataFact(DataSets.Sst5)]
    public void Sst5_train_has_the_readme_token_type_and_length_statistics()
    {
        var examples = ClassificationReader.ReadSst5(DataSets.Of(DataSets.Sst5, "train-reviews.txt"), new Tokenizer());

        Assert.Equal(163_566, examples.Sum(example => example.Tokens.Count));
        Assert.Equal(16_579, examples.SelectMany(example => example.Tokens).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(52, examples.Max(example => example.Tokens.Count));
        Assert.Equal(3, examples[0].Label);
        Assert.Equal("the", examples[0].Tokens[0]);
    }

    [DataTheory(DataSets.Ptb)]
    [InlineData("ptb.train.txt", 42_068, 929_589)]
    [InlineData("ptb.valid.txt", 3_370, 73_760)]
    [InlineData("ptb.test.txt", 3_761, 82_430)]
    public void Ptb_reader_gives_the_readme_line_and_token_counts_with_eos(string file, int lines, int tokens)
    {
        var sentences = LanguageModelReader.ReadLines(DataSets.Of(DataSets.Ptb, file), new Tokenizer());

        Assert.Equal(lines, sentences.Count);
        Assert.Equal(tokens, sentences.Sum(sentence => sentence.Length));
        Assert.All(sentences, sentence => Assert.Equal(Vocabulary.EndOfSentence, sentence[^1]));
    }

    [DataFact(DataSets.Ptb)]
    public void Ptb_vocabulary_is_the_conventional_10k_plus_padding_and_covers_valid()
    {
        var train = LanguageModelReader.ReadLines(DataSets.Of(DataSets.Ptb, "ptb.train.txt"), new Tokenizer());
        var valid = LanguageModelReader.ReadLines(DataSets.Of(DataSets.Ptb, "ptb.valid.txt"), new Tokenizer());

        var vocabulary = Vocabulary.Build(train);

        // 9,999 corpus types (one of them <unk>) + <eos> = the conventional 10k, plus our <pad>.
        Assert.Equal(10_001, vocabulary.Count);
        Assert.All(valid.SelectMany(sentence => sentence), token => Assert.True(vocabulary.Contains(token), token));
    }

    [DataFact(DataSets.Linzen)]
    public void Linzen_set_has_the_readme_counts_attractor_distribution_and_verb_positions()
    {
        var items = LinzenAgreementReader.ReadDirectory(DataSets.Of(DataSets.Linzen));

        Assert.Equal(7_489, items.Count);
        Assert.Equal([1_972, 1_957, 1_943, 1_287, 330], Enumerable.Range(0, 5).Select(k => items.Count(item => item.Attractors == k)));
        Assert.Equal(7_485, items.Count(item => item.Tokens[item.VerbIndex] == item.CorrectForm));
        Assert.All(items, item => Assert.Equal(Vocabulary.EndOfSentence, item.Tokens[^1]));
        var first = items[0];
        Assert.Equal((11, "is", "are", 0), (first.VerbIndex, first.CorrectForm, first.WrongForm, first.Attractors));
        Assert.Equal("is", first.Tokens[11]);
    }

    [DataFact(DataSets.Linzen)]
    public void Linzen_eval_file_is_the_index_column_of_gold()
    {
        var eval = File.ReadAllLines(DataSets.Of(DataSets.Linzen, "subj_agr_filtered.eval"));
        var items = LinzenAgreementReader.ReadDirectory(DataSets.Of(DataSets.Linzen));

        Assert.Equal(items.Select(item => item.VerbIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)), eval);
    }
}
