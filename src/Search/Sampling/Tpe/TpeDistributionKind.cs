namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>Optuna's three distribution classes.</summary>
public enum TpeDistributionKind
{
    Float,
    Int,
    Categorical,
}
