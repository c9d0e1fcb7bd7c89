namespace HyperSweep.Search;

/// <summary>The trial ended in <paramref name="State"/>; <paramref name="Value"/> is its final (objective) value, if any.</summary>
public sealed record TrialFinished(int Trial, TrialState State, double? Value) : SearchEvent(Trial);
