namespace HyperSweep.Dashboard.Views;

/// <summary>
/// Everything the sweep page draws, already thinned (the /api/sweeps/{id}/charts document and the input of
/// <see cref="Figures"/>). <see cref="Plotted"/> of <see cref="PlottableTrials"/> completed trials are in the parallel
/// coordinates and the objective-vs-parameter plots.
/// </summary>
public sealed record SweepCharts(
    string Metric,
    bool Maximize,
    IReadOnlyList<CurveSeries> Curves,
    int PrunedTrials,
    IReadOnlyList<ParallelAxis> Parallel,
    IReadOnlyList<double> ParallelObjective,
    IReadOnlyList<int> ParallelTrials,
    IReadOnlyList<ParameterScatter> Scatters,
    BestSoFar Best,
    IReadOnlyList<int> ObjectiveTrials,
    IReadOnlyList<double> ObjectiveValues,
    IReadOnlyList<PruningStep> Pruning,
    int Plotted,
    int PlottableTrials);
