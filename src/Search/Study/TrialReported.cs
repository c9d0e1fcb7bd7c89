namespace HyperSweep.Search;

/// <summary>An intermediate value: the trial reported <paramref name="Value"/> at <paramref name="Step"/>.</summary>
public sealed record TrialReported(int Trial, int Step, double Value) : SearchEvent(Trial);
