namespace HyperSweep.Engine.Training;

/// <summary>The <c>optimizer</c> hyper-parameter.</summary>
public enum OptimizerKind
{
    Sgd,
    Adam,
    Adagrad,
}
