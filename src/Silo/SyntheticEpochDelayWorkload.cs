using System.Collections.Immutable;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search.Spec;

namespace HyperSweep.Silo;

/// <summary>
/// The synthetic workload with a silo-wide simulated epoch time (<c>HyperSweep:SyntheticEpochMs</c>), so cluster tests
/// and benchmarks whose trials must last long enough to kill a silo mid-trial can run real specs unchanged.
/// </summary>
public sealed class SyntheticEpochDelayWorkload(int epochMs) : ITrialWorkload
{
    private readonly SyntheticTrialWorkload _inner = new();

    public ISweepSchema Schema => _inner.Schema;

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation) =>
        Run(request, onEpoch, NoBatchControl.Instance, cancellation);

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, ITrialBatchControl batches, CancellationToken cancellation)
    {
        var parameters = request.Parameters.ToImmutableDictionary().SetItem(SyntheticSchema.EpochMs, (long)epochMs);
        return _inner.Run(request with { Parameters = parameters }, onEpoch, batches, cancellation);
    }

    public byte[]? PackageModel(TrialWorkloadRequest request, byte[] bestCheckpoint) => _inner.PackageModel(request, bestCheckpoint);

    public IReadOnlyDictionary<string, double>? ScoreTest(TrialWorkloadRequest request, byte[] kept) =>
        _inner.ScoreTest(request with { Parameters = request.Parameters.ToImmutableDictionary().SetItem(SyntheticSchema.EpochMs, (long)epochMs) }, kept);
}
