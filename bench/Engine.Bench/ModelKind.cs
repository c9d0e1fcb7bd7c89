namespace HyperSweep.Engine.Bench;

/// <summary>The model families of SHAPES.md; a row's kind follows from its model name.</summary>
public enum ModelKind
{
    Dan,
    Nplm,
    ElmanLanguageModel,
    LstmLanguageModel,
    GruLanguageModel,
    RnnClassifier,
}
