using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tests.Data;

public sealed class TokenizerAndVocabularyTests
{
    [Fact]
    public void Tokenizer_splits_on_any_whitespace_and_lowercases_only_when_asked()
    {
        Assert.Equal(["The", "Cat", "sat", "."], new Tokenizer().Tokenize("  The\tCat  sat .\n"));
        Assert.Equal(["the", "cat", "sat", "."], new Tokenizer(lowercase: true).Tokenize("  The\tCat  sat .\n"));
        Assert.Empty(new Tokenizer().Tokenize(" \t "));
    }

    [Fact]
    public void Vocabulary_puts_special_tokens_first_then_orders_by_frequency_then_ordinal_string()
    {
        string[][] sentences = [["b", "a", "c"], ["c", "b"], ["c", "d"]];

        var vocabulary = Vocabulary.Build(sentences);

        Assert.Equal(["<pad>", "<unk>", "<eos>", "c", "b", "a", "d"], vocabulary.Tokens);
        Assert.Equal(Vocabulary.PadId, vocabulary.IdOf("<pad>"));
        Assert.Equal(3, vocabulary.IdOf("c"));
        Assert.Equal(Vocabulary.UnknownId, vocabulary.IdOf("never-seen"));
        Assert.Equal("a", vocabulary.TokenOf(5));
    }

    [Fact]
    public void Vocabulary_applies_min_count_and_max_size_and_maps_the_rest_to_unk()
    {
        string[][] sentences = [["x", "x", "x", "y", "y", "z"]];

        var byCount = Vocabulary.Build(sentences, minCount: 2);
        var bySize = Vocabulary.Build(sentences, maxSize: 4);

        Assert.Equal(["<pad>", "<unk>", "<eos>", "x", "y"], byCount.Tokens);
        Assert.Equal(["<pad>", "<unk>", "<eos>", "x"], bySize.Tokens);
        Assert.Equal([3, Vocabulary.UnknownId, Vocabulary.UnknownId], bySize.Encode(["x", "y", "z"]));
    }

    [Fact]
    public void Vocabulary_does_not_duplicate_special_tokens_found_in_the_corpus()
    {
        // PTB already contains <unk>; appended <eos> is in the sentences too.
        string[][] sentences = [["a", "<unk>", "<eos>"], ["<unk>", "<eos>"]];

        var vocabulary = Vocabulary.Build(sentences);

        Assert.Equal(["<pad>", "<unk>", "<eos>", "a"], vocabulary.Tokens);
    }

    [Fact]
    public void Vocabulary_round_trips_through_its_token_list_and_rejects_bad_lists()
    {
        var vocabulary = Vocabulary.Build([["q", "r", "r"]]);

        var copy = Vocabulary.FromTokens(vocabulary.Tokens);

        Assert.Equal(vocabulary.Tokens, copy.Tokens);
        Assert.ThrowsAny<EngineException>(() => Vocabulary.FromTokens(["<unk>", "<pad>", "<eos>"]));
        Assert.ThrowsAny<EngineException>(() => Vocabulary.FromTokens(["<pad>", "<unk>", "<eos>", "a", "a"]));
        Assert.ThrowsAny<EngineException>(() => Vocabulary.Build([["a"]], minCount: 0));
        Assert.ThrowsAny<EngineException>(() => Vocabulary.Build([["a"]], maxSize: 2));
    }
}
