using System.Collections.Concurrent;
using System.Diagnostics;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Service.Bench;

/// <summary>
/// The synthetic no-op workload, timing each epoch report's round trip: from handing the epoch to the service
/// (trial grain persists it, coordinator records it, persists, and answers) to the verdict.
/// </summary>
internal sealed class TimedWorkload : ITrialWorkload
{
    private readonly SyntheticTrialWorkload _inner = new();

    public HyperSweep.Search.Spec.ISweepSchema Schema => _inner.Schema;

    public ConcurrentBag<double> RoundTripsMs { get; } = [];

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation) =>
        _inner.Run(request, epoch =>
        {
            var start = Stopwatch.GetTimestamp();
            var go = onEpoch(epoch);
            RoundTripsMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return go;
        }, cancellation);
}
