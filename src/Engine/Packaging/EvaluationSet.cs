using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// Data to score a model on: the encoded examples, where they came from, and — for the built-in agreement task — the
/// generated sentences, so results can be broken down by attractor count.
/// </summary>
public sealed record EvaluationSet(string Source, EncodedSplit Split, IReadOnlyList<AgreementSentence>? AgreementSentences = null);
