using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// One "does the model prefer the correct verb form here" question: the sentence, the verb's position,
/// its correct and wrong forms, and the attractor count to group results by. Made from a generated
/// <see cref="AgreementSentence"/> or a Linzen <see cref="LinzenAgreementItem"/>.
/// </summary>
public sealed record AgreementItem(IReadOnlyList<string> Tokens, int VerbIndex, string CorrectForm, string WrongForm, int Attractors)
{
    public static AgreementItem From(AgreementSentence sentence) =>
        new(sentence.Tokens, sentence.VerbIndex, sentence.CorrectVerb, sentence.WrongVerb, sentence.Attractors);

    public static AgreementItem From(LinzenAgreementItem item) =>
        new(item.Tokens, item.VerbIndex, item.CorrectForm, item.WrongForm, item.Attractors);
}
