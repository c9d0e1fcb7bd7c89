namespace HyperSweep.Dashboard.Views;

/// <summary>One axis of the parallel-coordinates plot: numeric values, or category codes with their labels.</summary>
public sealed record ParallelAxis(string Name, IReadOnlyList<double> Values, IReadOnlyList<string>? Categories);
