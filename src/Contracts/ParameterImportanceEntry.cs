namespace HyperSweep.Contracts;

/// <summary>One hyper-parameter's importance (Search's PED-ANOVA, docs/ANALYSIS.md): share, raw divergence, condition, trials counted.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.ParameterImportanceEntry")]
public sealed record ParameterImportanceEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] double Importance,
    [property: Id(2)] double Divergence,
    [property: Id(3)] string? Condition,
    [property: Id(4)] int Trials,
    [property: Id(5)] int TopTrials);
