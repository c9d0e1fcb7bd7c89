namespace HyperSweep.Search.Pruning;

/// <summary>
/// A pruning rule: after a trial reports a step, decide whether to stop it.
/// </summary>
/// <remarks>
/// State contract: a pruner's internal state (SuccessiveHalving's resolved "auto" resource and rung
/// records, Hyperband's brackets) is written only inside <see cref="Decide"/> and depends only on the
/// study's contents at each call. Replaying the same ordered reports, finishes and decisions into a fresh
/// pruner built from the same settings therefore rebuilds the same state; <see cref="SearchSession.Rebuild"/>
/// does exactly that for a restarted coordinator. Nothing else needs to be persisted.
/// </remarks>
public interface IPruner
{
    /// <summary>Optuna's class name (e.g. "MedianPruner").</summary>
    string Name { get; }

    /// <summary>Decides for <paramref name="trialNumber"/>, which has just reported to <paramref name="study"/>.</summary>
    PruningDecision Decide(Study study, int trialNumber);
}
