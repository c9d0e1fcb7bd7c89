using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace HyperSweep.Telemetry.Tests;

/// <summary>
/// Collects every span the SDK ends, safe to read while spans are still ending. The SDK's in-memory exporter adds
/// to a plain List from whichever thread ends a span (trial threads end theirs after the coordinator moved on), so a
/// test reading that list while polling raced with it ("Destination array was not long enough").
/// </summary>
internal sealed class EndedSpans : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();

    public override void OnEnd(Activity data) => _ended.Enqueue(data);

    public List<Activity> Snapshot() => [.. _ended];
}
