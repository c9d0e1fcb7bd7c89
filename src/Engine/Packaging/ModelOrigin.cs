namespace HyperSweep.Engine.Packaging;

/// <summary>Where a model came from: its sweep, trial and leaderboard rank when it was exported.</summary>
public sealed record ModelOrigin(string SweepId, string? SweepName, int Trial, int? Rank);
