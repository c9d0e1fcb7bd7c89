using HyperSweep.Contracts;

namespace HyperSweep.Dashboard.Data;

/// <summary>
/// A sweep as one read saw it: its status, every trial by number, and the coordinator's ranking (trial numbers, best
/// first; the same order as <c>hypersweep top</c>). Immutable and shared by every page that shows the sweep.
/// </summary>
public sealed record SweepSnapshot(SweepStatus Status, IReadOnlyList<TrialSummary> Trials, IReadOnlyList<int> Ranking, DateTimeOffset ReadAt)
{
    /// <summary>Rank (1-based) by trial number, for trials that have an objective value.</summary>
    public IReadOnlyDictionary<int, int> RankOf { get; } = Ranking.Select((number, index) => (number, index)).ToDictionary(p => p.number, p => p.index + 1);
}
