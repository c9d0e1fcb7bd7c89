using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Bench;

/// <summary>A benchmark objective (minimised) over its search space.</summary>
internal sealed record BenchmarkFunction(string Name, double Optimum, SearchSpace Space, Func<TrialParameters, double> Evaluate);
