namespace HyperSweep.Search.Pruning;

/// <summary>Optuna's NopPruner: never prunes.</summary>
public sealed class NopPruner : IPruner
{
    public string Name => "NopPruner";

    public PruningDecision Decide(Study study, int trialNumber) =>
        PruningDecision.Keep(Name, "nop", "pruning is disabled", study.Trial(trialNumber).LastStep);
}
