namespace HyperSweep.Search.Scheduling;

/// <summary>
/// One rung of a rung-based scheduler as it stands: its bracket (0 without Hyperband), index and step, how many trials
/// were recorded there, how many of them were promoted past it, and how many wait there paused.
/// </summary>
public sealed record RungSnapshot(int Bracket, int Rung, int Step, int Recorded, int Promoted, int Paused);
