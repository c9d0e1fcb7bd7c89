using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;

namespace HyperSweep.Grains.Coordination;

/// <summary>The ledger's side of the artifact store: which ended trials keep their models, and their finalization.</summary>
public sealed partial class SweepLedger
{
    /// <summary>
    /// Decides the kept models among the trials that ended since the last call; returns the trials whose weights the
    /// coordinator must now tell to go (<see cref="ITrialGrain.ReleaseArtifacts"/>).
    /// </summary>
    public IReadOnlyList<int> DecideKept()
    {
        var (decided, released) = Keeping.DecideEnded();
        Dirty |= decided > 0;
        return released;
    }

    /// <summary>Kept trials that have not answered the end-of-sweep finalization (model file, test metrics).</summary>
    public IReadOnlyList<int> AwaitingFinalization() => [.. Keeping.Kept.Where(r => !r.Finalized).Select(r => r.Number)];

    /// <summary>A kept trial's finalization: its test metrics (never seen by the search: the sampler and pruner are done) and any note.</summary>
    public void RecordKeptModel(KeptModelReport report) => Dirty |= Keeping.Record(report);
}
