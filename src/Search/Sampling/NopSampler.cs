using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Sampling;

/// <summary>
/// The sampler of a session whose trials all come with their parameters (<see cref="SearchSession.Create"/>):
/// pruner replays and pruning-only logs. Asking it to propose is a programming error.
/// </summary>
public sealed class NopSampler : ISampler
{
    public static NopSampler Instance { get; } = new();

    private NopSampler()
    {
    }

    public long? Size => null;

    public void OnTrialCreated(Study study, int trial)
    {
        // Nothing to track.
    }

    public TrialParameters Propose(Study study, int trial) =>
        throw new InvalidOperationException($"trial {trial}: this session records given parameters and proposes none");
}
