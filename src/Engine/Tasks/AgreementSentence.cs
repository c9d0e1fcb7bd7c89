namespace HyperSweep.Engine.Tasks;

/// <summary>
/// One generated agreement sentence. <see cref="Tokens"/> is the full sentence with the correctly
/// inflected verb at <see cref="VerbIndex"/> (the language-model form); the tokens before the verb are
/// the classification input and <see cref="SubjectNumber"/> its label.
/// </summary>
/// <param name="PrepositionalPhrases">Prepositional phrases between subject and verb (each holds one noun).</param>
/// <param name="Attractors">Nouns among them whose number differs from the subject's.</param>
/// <param name="Distance">Tokens strictly between the subject noun and the verb.</param>
public sealed record AgreementSentence(
    IReadOnlyList<string> Tokens,
    int VerbIndex,
    GrammaticalNumber SubjectNumber,
    string CorrectVerb,
    string WrongVerb,
    int PrepositionalPhrases,
    int Attractors,
    int Distance)
{
    /// <summary>The classification input: every token before the verb.</summary>
    public IReadOnlyList<string> Prefix => Tokens.Take(VerbIndex).ToArray();
}
