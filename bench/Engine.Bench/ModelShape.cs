namespace HyperSweep.Engine.Bench;

/// <summary>
/// One row of a shapes table (SHAPES.md's format): a model to train and its sizes.
/// <see cref="Classes"/> is the vocabulary size for language models ("softmax over vocab").
/// <see cref="Length"/> is the padded length (DAN), the context (NPLM) or the BPTT window (LMs); 0 = pad each
/// batch to its longest example (the bidirectional classifier). Lengths of real tokens are drawn uniformly
/// from <see cref="MinLength"/>..<see cref="MaxLength"/>.
/// </summary>
public sealed record ModelShape(
    string Name,
    ModelKind Kind,
    int Vocabulary,
    int Embedding,
    IReadOnlyList<int> Hidden,
    string HiddenActivation,
    int Layers,
    bool Bidirectional,
    int Classes,
    int Batch,
    int Length,
    int MinLength,
    int MaxLength,
    string Optimizer,
    float LearningRate,
    float? Clip);
