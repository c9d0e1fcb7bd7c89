using HyperSweep.Grains.Workloads;

namespace HyperSweep.Telemetry.Tests;

/// <summary>The synthetic workload with each epoch taking a while (waited on the attempt's cancellation), so a test can pause a sweep mid-trial.</summary>
internal sealed class SlowSyntheticWorkload(TimeSpan epoch) : ITrialWorkload
{
    private readonly SyntheticTrialWorkload _inner = new();

    public HyperSweep.Search.Spec.ISweepSchema Schema => _inner.Schema;

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation) =>
        _inner.Run(request, result =>
        {
            var go = onEpoch(result);
            cancellation.WaitHandle.WaitOne(epoch);
            return go;
        }, cancellation);
}
