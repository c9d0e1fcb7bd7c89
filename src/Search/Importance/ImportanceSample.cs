namespace HyperSweep.Search.Importance;

/// <summary>One finished trial as importance sees it: the searched parameters it had (inactive ones absent) and its objective value.</summary>
public sealed record ImportanceSample(IReadOnlyDictionary<string, object> Parameters, double Value);
