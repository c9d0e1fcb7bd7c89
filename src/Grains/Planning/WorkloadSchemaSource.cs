using HyperSweep.Grains.Workloads;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Planning;

/// <summary>Sweeps are checked against what this silo's workload accepts (the Engine's schema for real training).</summary>
public sealed class WorkloadSchemaSource(ITrialWorkload workload) : ISweepSchemaSource
{
    public ISweepSchema For(string baseDirectory) => workload.Schema;
}
