using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tasks;

/// <summary>
/// Generates the built-in number-agreement task ("the keys next to the book on top of the table ___"
/// → plural). A sentence is <c>the SUBJECT (PREP the NOUN)* FILLER* VERB COMPLEMENT</c>: a subject of
/// random number, prepositional phrases whose nouns have random number (the attractors are those that
/// differ from the subject), filler adverbs up to the sampled distance, then the agreeing verb.
/// <para>
/// Why each model family fails or succeeds: every noun, subject or not, comes from one noun list and
/// follows "the", so a bag of words (DAN) sees only how many singular and plural nouns occur, which is
/// ambiguous once phrases intervene; a fixed n-gram window (NPLM) sees the nearest noun, an attractor of
/// random number, or only filler adverbs at long distances; a recurrent network can carry the subject's
/// number across the sentence.
/// </para>
/// The output is a function of the options alone (train, dev and test use separate derived streams, so
/// changing <c>dev_size</c> does not change the training sentences).
/// </summary>
public sealed class AgreementGenerator
{
    private const int MaxTries = 1000;
    private readonly AgreementOptions _options;

    public AgreementGenerator(AgreementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public IReadOnlyList<AgreementSentence> Train() => Generate(_options.Size, split: 0);

    public IReadOnlyList<AgreementSentence> Dev() => Generate(_options.DevSize, split: 1);

    public IReadOnlyList<AgreementSentence> Test() => Generate(_options.TestSize, split: 2);

    private List<AgreementSentence> Generate(int count, int split)
    {
        var random = SeedMixer.Generator(_options.Seed, split);
        var sentences = new List<AgreementSentence>(count);
        for (var i = 0; i < count; i++)
        {
            sentences.Add(Sentence(random));
        }

        return sentences;
    }

    private AgreementSentence Sentence(System.Random random)
    {
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            var subjectNumber = (GrammaticalNumber)random.Next(2);
            var tokens = new List<string> { AgreementLexicon.Determiner, Noun(random.Next(_options.Vocabulary), subjectNumber) };
            var subjectIndex = tokens.Count - 1;
            var phrases = random.Next(_options.MinAttractors, _options.MaxAttractors + 1);
            var attractors = 0;
            for (var p = 0; p < phrases; p++)
            {
                var number = (GrammaticalNumber)random.Next(2);
                attractors += number == subjectNumber ? 0 : 1;
                tokens.AddRange(AgreementLexicon.Prepositions[random.Next(AgreementLexicon.Prepositions.Length)]);
                tokens.Add(AgreementLexicon.Determiner);
                tokens.Add(Noun(random.Next(_options.Vocabulary), number));
            }

            var distance = tokens.Count - 1 - subjectIndex;
            if (distance > _options.MaxDistance)
            {
                continue;
            }

            var fillers = random.Next(Math.Max(0, _options.MinDistance - distance), _options.MaxDistance - distance + 1);
            for (var f = 0; f < fillers; f++)
            {
                tokens.Add(AgreementLexicon.Fillers[random.Next(AgreementLexicon.Fillers.Length)]);
            }

            var verb = AgreementLexicon.Verbs[random.Next(AgreementLexicon.Verbs.Length)];
            var (correct, wrong) = subjectNumber == GrammaticalNumber.Plural ? (verb.Plural, verb.Singular) : (verb.Singular, verb.Plural);
            var verbIndex = tokens.Count;
            tokens.Add(correct);
            tokens.Add(AgreementLexicon.Complements[random.Next(AgreementLexicon.Complements.Length)]);
            return new AgreementSentence(tokens, verbIndex, subjectNumber, correct, wrong, phrases, attractors, distance + fillers);
        }

        throw new EngineException(
            $"task.data.max_distance: {_options.MaxDistance} leaves no room for the sampled prepositional phrases after {MaxTries} tries; raise max_distance or lower max_attractors");
    }

    private static string Noun(int index, GrammaticalNumber number) =>
        number == GrammaticalNumber.Plural ? AgreementLexicon.Nouns[index].Plural : AgreementLexicon.Nouns[index].Singular;
}
