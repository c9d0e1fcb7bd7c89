namespace HyperSweep.Search.Spec;

/// <summary>How trials' parameters are chosen.</summary>
public enum SearchMethod
{
    Grid,
    Random,

    /// <summary>Tree-structured Parzen Estimator (Optuna 3.1's TPESampler), learning from finished trials.</summary>
    Tpe,
}
