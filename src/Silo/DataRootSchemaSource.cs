using HyperSweep.Grains.Planning;
using HyperSweep.Search.Spec;

namespace HyperSweep.Silo;

/// <summary>The workload's schema confined to the data root: what a cluster with <c>HyperSweep:DataRoot</c> checks sweeps against.</summary>
public sealed class DataRootSchemaSource(ISweepSchemaSource inner, string root) : ISweepSchemaSource
{
    public ISweepSchema For(string baseDirectory) => new DataRootSchema(inner.For(baseDirectory), root, baseDirectory);
}
