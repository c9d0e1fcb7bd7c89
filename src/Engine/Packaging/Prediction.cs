namespace HyperSweep.Engine.Packaging;

/// <summary>
/// What a model says about one text: the tokens it read (after its vocabulary: unknown words as <c>&lt;unk&gt;</c>) and
/// the outcomes with their probabilities, most probable first — every class for a classifier, the top k next words
/// for a language model.
/// </summary>
public sealed record Prediction(string Text, IReadOnlyList<string> Tokens, IReadOnlyList<(string Outcome, double Probability)> Outcomes);
