namespace HyperSweep.Dashboard.Views;

/// <summary>Objective against one parameter: x is a number or a category label per plotted trial.</summary>
public sealed record ParameterScatter(string Parameter, IReadOnlyList<object> X, IReadOnlyList<double> Objective, IReadOnlyList<int> Trials, bool Categorical);
