namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>Which continuous log-density the Parzen estimators use.</summary>
public enum TpeDensity
{
    /// <summary>
    /// Optuna 3.1.0's: the truncated normal's log-density WITHOUT −ln σ (optuna/optuna#5109), so narrow components
    /// weigh less than in a true mixture. The default: it is what the parity traces and quality figures hold.
    /// </summary>
    Optuna31,

    /// <summary>The true mixture density (with −ln σ), as Optuna 3.5 and later compute it.</summary>
    Corrected,
}
