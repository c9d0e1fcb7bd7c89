using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Planning;

/// <summary>The schema a silo checks sweeps against, for a spec whose relative paths resolve against <c>baseDirectory</c>.</summary>
public interface ISweepSchemaSource
{
    ISweepSchema For(string baseDirectory);
}
