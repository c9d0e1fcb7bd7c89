namespace HyperSweep.Search.Sampling;

/// <summary>
/// The whole persistent state of an <see cref="ExactOnceDispenser"/>: the next never-issued index, the
/// indices issued but not yet acknowledged (in flight), and the indices handed back for re-issue. Small:
/// it grows with the number of trials in flight, not with the number of trials.
/// </summary>
public sealed record DispenserState(long Next, IReadOnlyList<long> InFlight, IReadOnlyList<long> Returned);
