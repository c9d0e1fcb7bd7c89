namespace HyperSweep.Engine.Data;

/// <summary>
/// One dependency of the Linzen et al. (2016) agreement test set: the sentence (ending with
/// <c>&lt;eos&gt;</c>), the 0-based index of the verb, its correct and wrong forms, and the number of
/// attractors (nouns of the opposite number between subject and verb). A language model passes the item
/// when it gives the correct form a higher probability than the wrong one at <see cref="VerbIndex"/>.
/// </summary>
public sealed record LinzenAgreementItem(
    IReadOnlyList<string> Tokens,
    int VerbIndex,
    string CorrectForm,
    string WrongForm,
    int Attractors);
