namespace HyperSweep.Search.Scheduling;

/// <summary>A paused trial that can never resume (nothing runs, waits or can be created any more), and why.</summary>
public sealed record StrandedTrial(int Trial, string Reason);
