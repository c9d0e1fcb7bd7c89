namespace HyperSweep.Search.Scheduling;

/// <summary>How PBT explores one parameter: multiply it by one of <paramref name="Factors"/> (or, sometimes, resample it).</summary>
public sealed record PbtPerturbation(string Parameter, IReadOnlyList<double> Factors);
