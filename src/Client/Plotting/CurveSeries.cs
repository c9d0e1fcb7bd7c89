namespace HyperSweep.Client.Plotting;

/// <summary>One plotted learning curve: a trial's objective per epoch, and the epoch it was pruned at (null when it was not).</summary>
public sealed record CurveSeries(int Trial, string Label, IReadOnlyList<double> Epochs, IReadOnlyList<double> Values, int? PrunedAtEpoch);
