using System.Collections.Immutable;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Silo;

/// <summary>
/// The synthetic workload with a silo-wide simulated epoch time (<c>HyperSweep:SyntheticEpochMs</c>): specs cannot
/// carry <c>synthetic_*</c> knobs (the spec parser accepts only real hyper-parameters), so cluster tests and
/// benchmarks that need trials to last long enough to kill a silo mid-trial set it on the silo instead.
/// </summary>
public sealed class SyntheticEpochDelayWorkload(int epochMs) : ITrialWorkload
{
    private readonly SyntheticTrialWorkload _inner = new();

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation)
    {
        var parameters = request.Parameters.ToImmutableDictionary().SetItem("synthetic_epoch_ms", (long)epochMs);
        return _inner.Run(request with { Parameters = parameters }, onEpoch, cancellation);
    }
}
