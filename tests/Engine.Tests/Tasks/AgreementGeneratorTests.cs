using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Tests.Tasks;

public sealed class AgreementGeneratorTests
{
    private static readonly string[] Singulars = ["key", "book", "table", "author", "dog"];

    [Fact]
    public void The_same_options_give_the_same_sentences_and_another_seed_different_ones()
    {
        var options = new AgreementOptions(Size: 50, DevSize: 10, Seed: 3);

        var first = new AgreementGenerator(options).Train();
        var again = new AgreementGenerator(options).Train();
        var other = new AgreementGenerator(options with { Seed = 4 }).Train();

        Assert.Equal(first.Select(s => string.Join(' ', s.Tokens)), again.Select(s => string.Join(' ', s.Tokens)));
        Assert.NotEqual(first.Select(s => string.Join(' ', s.Tokens)), other.Select(s => string.Join(' ', s.Tokens)));
    }

    [Fact]
    public void Changing_the_dev_size_does_not_change_the_training_sentences()
    {
        var small = new AgreementGenerator(new AgreementOptions(Size: 40, DevSize: 5)).Train();
        var large = new AgreementGenerator(new AgreementOptions(Size: 40, DevSize: 500)).Train();

        Assert.Equal(small.Select(s => string.Join(' ', s.Tokens)), large.Select(s => string.Join(' ', s.Tokens)));
    }

    [Fact]
    public void Every_sentence_agrees_with_its_subject_and_respects_the_configured_limits()
    {
        var options = new AgreementOptions(Size: 500, MinAttractors: 1, MaxAttractors: 2, MinDistance: 6, MaxDistance: 12, Vocabulary: 5);

        var sentences = new AgreementGenerator(options).Train();

        Assert.All(sentences, s =>
        {
            var subject = s.Tokens[1];
            var subjectIsPlural = !Singulars.Contains(subject);
            Assert.Equal(s.SubjectNumber == GrammaticalNumber.Plural, subjectIsPlural);
            Assert.Equal(s.CorrectVerb, s.Tokens[s.VerbIndex]);
            Assert.NotEqual(s.CorrectVerb, s.WrongVerb);
            Assert.InRange(s.PrepositionalPhrases, 1, 2);
            Assert.InRange(s.Attractors, 0, s.PrepositionalPhrases);
            Assert.Equal(s.VerbIndex - 2, s.Distance);
            Assert.InRange(s.Distance, 6, 12);
        });
        Assert.All(sentences.Where(s => s.SubjectNumber == GrammaticalNumber.Plural), s => Assert.Contains(s.CorrectVerb, new[] { "are", "were", "have", "seem", "look", "remain" }));
    }

    [Fact]
    public void Subjects_and_attractors_share_one_noun_list_and_both_numbers_are_balanced()
    {
        var sentences = new AgreementGenerator(new AgreementOptions(Size: 2000, MinAttractors: 1, MaxAttractors: 1, Vocabulary: 4)).Train();

        var subjects = sentences.Select(s => s.Tokens[1]).ToHashSet();
        // The attractor is the noun after the last determiner (prepositions never end in "the").
        var attractorNouns = sentences.Select(s => s.Tokens[s.Tokens.ToList().LastIndexOf("the") + 1]).ToHashSet();
        var plural = sentences.Count(s => s.SubjectNumber == GrammaticalNumber.Plural);
        var withAttractor = sentences.Count(s => s.Attractors == 1);

        Assert.Equal(8, subjects.Count);
        Assert.InRange(plural, 900, 1100);
        Assert.InRange(withAttractor, 900, 1100);
        Assert.True(subjects.SetEquals(attractorNouns), string.Join(",", attractorNouns));
    }

    [Fact]
    public void Prefix_is_the_classification_input_before_the_verb()
    {
        var sentence = new AgreementGenerator(new AgreementOptions(Size: 1)).Train()[0];

        Assert.Equal(sentence.Tokens.Take(sentence.VerbIndex), sentence.Prefix);
    }

    [Theory]
    [InlineData("size", 0)]
    [InlineData("vocabulary", 41)]
    [InlineData("max_attractors", -1)]
    public void Invalid_options_name_the_field(string field, int value)
    {
        var options = field switch
        {
            "size" => new AgreementOptions(Size: value),
            "vocabulary" => new AgreementOptions(Vocabulary: value),
            _ => new AgreementOptions(MaxAttractors: value),
        };

        var error = Assert.ThrowsAny<EngineException>(() => new AgreementGenerator(options));

        Assert.StartsWith($"task.data.{field}:", error.Message);
    }
}
