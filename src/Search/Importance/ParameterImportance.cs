namespace HyperSweep.Search.Importance;

/// <summary>
/// How much one hyper-parameter mattered for reaching the sweep's best values: <see cref="Divergence"/> is PED-ANOVA's
/// Pearson divergence between the parameter's distribution among the top trials and among all trials where it was
/// active, <see cref="Importance"/> its share of the sum over all parameters (they add up to 1). A conditional
/// parameter is measured within its condition (<see cref="Condition"/>, e.g. "arch in [rnn]"), over the
/// <see cref="Trials"/> trials where it was active, of which <see cref="TopTrials"/> were in the top quantile.
/// </summary>
public sealed record ParameterImportance(string Name, double Importance, double Divergence, string? Condition, int Trials, int TopTrials);
