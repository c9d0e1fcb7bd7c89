namespace HyperSweep.Search.Spec;

/// <summary>The metric to optimise (CONTRACTS.md metric names) and its direction.</summary>
public sealed record ObjectiveSpec(string Metric, StudyDirection Direction);
