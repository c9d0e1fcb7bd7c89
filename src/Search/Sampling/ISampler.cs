using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Sampling;

/// <summary>Maps a trial index to its parameters. Pure: the same index always gives the same parameters.</summary>
public interface ISampler
{
    /// <summary>How many distinct indices exist (the grid size), or null when unbounded (random).</summary>
    long? Size { get; }

    TrialParameters ParametersFor(long index);
}
