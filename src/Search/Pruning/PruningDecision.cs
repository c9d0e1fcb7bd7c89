namespace HyperSweep.Search.Pruning;

/// <summary>
/// A pruning answer that explains itself: which rule decided, the value judged, the threshold it was
/// compared with, and the reference set (what it was drawn from and how many values).
/// </summary>
/// <param name="ShouldPrune">Stop the trial now.</param>
/// <param name="Pruner">The deciding pruner's name.</param>
/// <param name="Rule">Short code of the rule that decided, e.g. "startup", "warmup", "percentile", "rung".</param>
/// <param name="Explanation">One human sentence with every number involved.</param>
/// <param name="Step">The step judged (the trial's largest step), if any.</param>
/// <param name="Value">The value judged (best-so-far for percentile rules, the step's value otherwise).</param>
/// <param name="Threshold">The value it was compared with, when a comparison happened.</param>
/// <param name="ReferenceSet">What the threshold was drawn from, e.g. "COMPLETE trials at step 4".</param>
/// <param name="ReferenceCount">How many values the reference set held.</param>
public sealed record PruningDecision(
    bool ShouldPrune,
    string Pruner,
    string Rule,
    string Explanation,
    int? Step = null,
    double? Value = null,
    double? Threshold = null,
    string? ReferenceSet = null,
    int ReferenceCount = 0)
{
    public static PruningDecision Keep(string pruner, string rule, string explanation, int? step = null) =>
        new(false, pruner, rule, explanation, step);

    public override string ToString() => $"{(ShouldPrune ? "prune" : "continue")} [{Pruner}/{Rule}] {Explanation}";
}
