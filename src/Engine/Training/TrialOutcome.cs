namespace HyperSweep.Engine.Training;

/// <summary>
/// How a training run ended (CONTRACTS.md). A diverged run (NaN/Inf loss) is <see cref="Failed"/> with
/// the reason "diverged at epoch k".
/// </summary>
public enum TrialOutcome
{
    Completed,
    Pruned,
    Failed,
    Cancelled,
}
