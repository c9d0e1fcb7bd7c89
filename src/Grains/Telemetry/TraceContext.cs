using System.Diagnostics;

namespace HyperSweep.Grains.Telemetry;

/// <summary>W3C <c>traceparent</c> strings for trace contexts that cross grain calls and persisted state.</summary>
public static class TraceContext
{
    /// <summary>The activity's context as a traceparent, or null when nothing is recorded.</summary>
    public static string? Format(Activity? activity) => activity is null ? null : activity.Id;

    /// <summary>The parsed context, or default (a new root) when <paramref name="traceParent"/> is null or malformed.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
