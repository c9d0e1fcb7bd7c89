namespace HyperSweep.Search.Spec;

/// <summary>
/// Grid or random search. <see cref="Trials"/>: random — how many trials; grid — an optional cap on the
/// grid (null = the whole grid). <see cref="MaxGridSize"/>: grids larger than this are refused.
/// </summary>
public sealed record StrategySpec(SearchMethod Method, int? Trials, long Seed, long MaxGridSize);
