namespace HyperSweep.Dashboard.Views;

/// <summary>
/// The best objective so far over completed trials, as the step points where it changes (exact, however many trials):
/// by trial number, and by the time trials ended (trials without an end time are left out of the second).
/// </summary>
public sealed record BestSoFar(
    IReadOnlyList<int> Trials,
    IReadOnlyList<double> ByTrial,
    IReadOnlyList<DateTimeOffset> Times,
    IReadOnlyList<double> ByTime);
