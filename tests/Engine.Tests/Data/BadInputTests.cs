using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tests.Data;

/// <summary>Every file of the bad-input corpus (Data/BadInput) fails with a message naming file and line.</summary>
public sealed class BadInputTests
{
    private static readonly Tokenizer Tokens = new();

    [Theory]
    [InlineData("tsv-wrong-column-count.tsv", 3, "2 TAB-separated columns")]
    [InlineData("tsv-unknown-label.tsv", 3, "unknown label 'positive'")]
    [InlineData("tsv-bad-header.tsv", 1, "header")]
    [InlineData("tsv-empty-sentence.tsv", 3, "empty")]
    public void Tsv_errors_name_file_and_line(string file, int line, string what)
    {
        var path = DataPaths.BadInput(file);

        var error = Assert.ThrowsAny<EngineException>(() => ClassificationReader.ReadTsv(path, Tokens));

        Assert.Contains($"{path}:{line}:", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void Tsv_with_only_a_header_is_an_empty_data_set()
    {
        var path = DataPaths.BadInput("tsv-header-only.tsv");

        var error = Assert.ThrowsAny<EngineException>(() => ClassificationReader.ReadTsv(path, Tokens));

        Assert.Contains(path, error.Message);
        Assert.Contains("no examples", error.Message);
    }

    [Fact]
    public void A_label_outside_the_accepted_range_is_unknown()
    {
        var path = DataPaths.BadInput("tsv-dev-label-unseen-in-train.tsv");

        var error = Assert.ThrowsAny<EngineException>(() => ClassificationReader.ReadTsv(path, Tokens, maxLabel: 1));

        Assert.Contains($"{path}:3: unknown label '2'", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = DataPaths.BadInput("no-such-file.tsv");

        var error = Assert.ThrowsAny<EngineException>(() => ClassificationReader.ReadTsv(path, Tokens));

        Assert.Contains(path, error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Misaligned_sst5_files_name_both_files_and_their_line_counts()
    {
        var error = Assert.ThrowsAny<EngineException>(() => ClassificationReader.ReadSst5(DataPaths.BadInput("misaligned"), Tokens));

        Assert.Contains("misaligned-reviews.txt has 3 lines", error.Message);
        Assert.Contains("misaligned-labels.txt has 2", error.Message);
    }

    [Fact]
    public void Sst5_label_out_of_range_names_the_labels_file_and_line()
    {
        var path = DataPaths.BadInput("label-out-of-range-labels.txt");

        var error = Assert.ThrowsAny<EngineException>(() => ClassificationReader.ReadSst5(DataPaths.BadInput("label-out-of-range-reviews.txt"), Tokens));

        Assert.Contains($"{path}:2: unknown label '7': expected an integer in 0..4", error.Message);
    }

    [Fact]
    public void Lm_corpus_without_tokens_is_empty()
    {
        var path = DataPaths.BadInput("lines-no-tokens.txt");

        var error = Assert.ThrowsAny<EngineException>(() => LanguageModelReader.ReadLines(path, Tokens));

        Assert.Contains($"{path}: contains no tokens", error.Message);
    }

    [Fact]
    public void Linzen_gold_line_with_three_columns_is_named()
    {
        var gold = DataPaths.BadInput("linzen-bad.gold");

        var error = Assert.ThrowsAny<EngineException>(() => LinzenAgreementReader.Read(DataPaths.BadInput("linzen-bad.text"), gold));

        Assert.Contains($"{gold}:2: expected 4 TAB-separated columns", error.Message);
    }
}
