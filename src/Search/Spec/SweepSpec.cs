using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Sampling.Tpe;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Spec;

/// <summary>
/// A validated sweep spec (docs/SPEC.md). Built by <see cref="SweepSpecParser"/>; every field is already
/// checked, so the methods below cannot fail on a parsed spec.
/// </summary>
public sealed record SweepSpec(
    string Name,
    TaskSpec Task,
    IReadOnlyDictionary<string, object> Model,
    Objective Objective,
    StrategySpec Strategy,
    SearchSpace Parameters,
    PrunerSpec Pruner,
    BudgetSpec Budget,
    int Concurrency)
{
    /// <summary>How many of the best trials keep their models (<c>keep:</c>).</summary>
    public KeepSpec Keep { get; init; } = KeepSpec.Default;

    /// <summary>Optional measurements trials make while training (<c>analysis:</c>).</summary>
    public AnalysisSpec Analysis { get; init; } = AnalysisSpec.Off;

    /// <summary>
    /// A fresh sampler of the strategy's method (a grid is enumerated here, within the size limit); call again to
    /// rebuild a session after a restart (see <see cref="SearchSession.Rebuild"/>).
    /// </summary>
    public ISampler CreateSampler() => Strategy.Method switch
    {
        SearchMethod.Grid => new GridSampler(Parameters, Strategy.MaxGridSize),
        SearchMethod.Tpe => new TpeSampler(Parameters, Strategy.Seed, Strategy.Tpe),
        _ => new RandomSampler(Parameters, Strategy.Seed),
    };

    /// <summary>How many trials the sweep runs: the grid size (capped by trials) or the random trial count.</summary>
    public long TrialCount(ISampler sampler) =>
        sampler.Size is { } size ? Math.Min(size, Strategy.Trials ?? size) : Strategy.Trials ?? 0;

    /// <summary>A fresh pruner; call again to rebuild after a restart (see <see cref="SearchSession.Rebuild"/>).</summary>
    public IPruner CreatePruner() => PrunerFactory.Create(Pruner);

    /// <summary>Model settings merged with a trial's parameters: what the Engine's ModelFactory receives.</summary>
    public IReadOnlyDictionary<string, object> HyperParametersFor(TrialParameters parameters)
    {
        var merged = new Dictionary<string, object>(Model, StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            merged[name] = value;
        }
        return merged;
    }
}
