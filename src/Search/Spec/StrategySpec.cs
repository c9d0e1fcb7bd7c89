using HyperSweep.Search.Sampling.Tpe;

namespace HyperSweep.Search.Spec;

/// <summary>
/// Grid, random or TPE search. <see cref="Trials"/>: random and TPE — how many trials; grid — an optional cap on the
/// grid (null = the whole grid). <see cref="MaxGridSize"/>: grids larger than this are refused. <see cref="Tpe"/>:
/// TPE's settings (Optuna's defaults unless the spec sets them); null for the other methods.
/// </summary>
public sealed record StrategySpec(SearchMethod Method, int? Trials, long Seed, long MaxGridSize, TpeSettings? Tpe = null);
