using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Grains.Planning;

/// <summary>
/// An <see cref="ISweepPlan"/> over one of the Search library's samplers: trial i gets the sampler's
/// parameters for index i merged over the spec's fixed model settings, and the spec's training seed (every
/// trial trains from the same seed, so trials differ only by their hyper-parameters).
/// </summary>
public sealed class SamplerSweepPlan(
    string name,
    Objective objective,
    int maxEpochs,
    int concurrency,
    int plannedTrials,
    string taskJson,
    PrunerSpec pruner,
    ISampler sampler,
    IReadOnlyDictionary<string, object> fixedParameters,
    long seed,
    (int Patience, double MinDelta)? earlyStopping = null,
    string baseDirectory = ".") : ISweepPlan
{
    public string Name => name;

    public Objective Objective => objective;

    public int MaxEpochs => maxEpochs;

    public int Concurrency => concurrency;

    public int PlannedTrials => plannedTrials;

    public string TaskJson => taskJson;

    public PrunerSpec Pruner => pruner;

    public (int Patience, double MinDelta)? EarlyStopping => earlyStopping;

    public string BaseDirectory => baseDirectory;

    public ImmutableSortedDictionary<string, object> ParametersOf(int trial)
    {
        var merged = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in fixedParameters)
        {
            merged[key] = value;
        }

        // Until the coordinator drives a SearchSession (issue 17), only the index-based samplers can plan trials.
        var proposal = sampler switch
        {
            GridSampler grid => grid.ParametersFor(trial),
            RandomSampler random => random.ParametersFor(trial),
            _ => throw new NotSupportedException($"{sampler.GetType().Name} proposes from the study's history and needs a SearchSession"),
        };
        foreach (var (key, value) in proposal)
        {
            merged[key] = value;
        }

        return merged.ToImmutable();
    }

    public long SeedOf(int trial) => seed;
}
