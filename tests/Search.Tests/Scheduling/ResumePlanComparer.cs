using HyperSweep.Search.Scheduling;

namespace HyperSweep.Search.Tests.Scheduling;

/// <summary>Resume plans are equal when their trials, exploitations and reason are (a record compares its lists by reference).</summary>
internal sealed class ResumePlanComparer : IEqualityComparer<ResumePlan?>
{
    public static ResumePlanComparer Instance { get; } = new();

    public bool Equals(ResumePlan? x, ResumePlan? y) =>
        x is null || y is null ? x is null && y is null : x.Reason == y.Reason && x.Trials.SequenceEqual(y.Trials) && x.Exploits.SequenceEqual(y.Exploits);

    public int GetHashCode(ResumePlan? obj) => obj?.Reason.GetHashCode(StringComparison.Ordinal) ?? 0;
}
