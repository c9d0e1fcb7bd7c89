namespace HyperSweep.Engine.Training;

/// <summary>
/// The <c>arch</c> hyper-parameter: <c>dan</c>, <c>nplm</c> or <c>rnn</c> (the task kind picks
/// RnnClassifier or RnnLanguageModel).
/// </summary>
public enum Architecture
{
    Dan,
    Nplm,
    Rnn,
}
