namespace HyperSweep.Search.Spaces;

/// <summary>A named parameter, its domain, and an optional condition on earlier parameters.</summary>
public sealed record SearchParameter(string Name, ParameterDomain Domain, ParameterCondition? When = null);
